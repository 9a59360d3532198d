import type { QueryResult } from 'pg';

export function sql(url: string, text: string, params?: unknown[]): Promise<QueryResult>;
export function pct(sorted: number[], p: number): number;

export type TLoadResult = {
  name: string;
  requests: number;
  rps: number;
  non2xx: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  cpuMsPerRequest: { postgres: number; app: number; autocannon: number };
  loadavg1m: { before: number; after: number };
};

export type TBenchServer = {
  base: string;
  start(extraEnv?: Record<string, string>): { pid: number; stop(): Promise<void> };
  portFree(): Promise<void>;
  waitFor(path: string): Promise<Response>;
  load(name: string, pathFor: (i: number) => string, headers?: Record<string, string>): Promise<TLoadResult>;
};

export function createBenchServer(options: {
  port: number;
  databaseUrl: string;
  dataDir: string;
  connections?: number;
  seconds?: number;
  warmup?: number;
  cwd?: string;
  env?: Record<string, string>;
}): TBenchServer;

export function loadTable(results: TLoadResult[]): string[];
export function benchMachine(): { cpus: number; cpuModel: string | undefined; memGB: number; node: string };
