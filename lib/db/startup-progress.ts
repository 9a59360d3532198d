import 'server-only';

// What the database is doing while the process opens it, for the two people waiting on a first start:
// the terminal gets one line per step, and server/db-starting-page.mjs (outside the Next bundle, same
// process) reads the state from globalThis to answer page requests with "the database is being prepared".

export type TDbStartupStep = 'opening' | 'creating' | 'migrating' | 'seeding' | 'ready' | 'failed';

export type TDbStartupState = {
  step: TDbStartupStep;
  /** Shown in the terminal and on the waiting page, e.g. "Applying migrations (2/4)…". */
  message: string;
  /** The database did not exist yet (PGlite directory created, or no migration applied before). */
  firstRun: boolean;
};

type TStartupOptions = { print?: (line: string) => void };

const holder = globalThis as unknown as { __pathwiseDbStartup?: TDbStartupState };

export function dbStartupState(): TDbStartupState | undefined {
  return holder.__pathwiseDbStartup;
}

/** Records each step of opening the database and prints it (quietly under test). */
export function createDbStartupReporter({ print = (line) => process.stdout.write(`${line}\n`) }: TStartupOptions = {}) {
  const started = Date.now();
  let firstRun = false;
  const report = (step: TDbStartupStep, message: string) => {
    holder.__pathwiseDbStartup = { step, message, firstRun };
    print(`  database · ${message}`);
  };
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  return {
    opening(isFirstRun: boolean) {
      firstRun = isFirstRun;
      report(isFirstRun ? 'creating' : 'opening', isFirstRun ? 'Creating the database (first run, about 30 s)…' : 'Opening the database…');
    },
    migrating(done: number, total: number) {
      report('migrating', `Applying migrations (${done}/${total})…`);
    },
    seeding() {
      report('seeding', 'Seeding demo data…');
    },
    ready(url: string) {
      report('ready', `Ready in ${seconds()} at ${url}`);
    },
    failed(error: unknown) {
      report('failed', `Failed after ${seconds()}: ${error instanceof Error ? error.message : String(error)}`);
    },
  };
}
