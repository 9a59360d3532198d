import { expect, test, type Browser, type BrowserContext, type ConsoleMessage, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible } from './helpers';

// Every main page, in light and dark, at desktop and phone width: no serious or critical axe violation
// and no console error. One browser context per role × scheme × width, signed in once per role
// (storageState), and one test per page so a report names every failing page at once.

type TRole = 'visitor' | 'learner' | 'expert' | 'admin';
type TStorage = Awaited<ReturnType<BrowserContext['storageState']>>;
type TVisit = { name: string; open: (page: Page) => Promise<void>; status?: number };

const WIDTHS = [
  { width: 1280, height: 860 },
  { width: 375, height: 812 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

/** Opens a page from the main navigation (the header's links, or the phone menu). */
async function viaNav(page: Page, label: string) {
  const desktop = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).first();
  if (await desktop.isVisible()) return desktop.click();
  await page.locator('summary[aria-label="Menu"]').click();
  await page.locator('#mobile-menu').getByRole('link', { name: label, exact: true }).click();
}

const heading = (page: Page, name: string | RegExp) => expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

const VISITS: Record<TRole, TVisit[]> = {
  visitor: [
    {
      name: 'landing',
      open: async (p) => {
        await p.goto('/');
        await heading(p, /Learn anything with a plan/);
      },
    },
    {
      name: 'sign-in',
      open: async (p) => {
        await p.goto('/');
        await viaNav(p, 'Sign in');
        await heading(p, /Sign in/);
      },
    },
    {
      name: 'sign-up',
      open: async (p) => {
        await p.goto('/');
        await viaNav(p, 'Get started');
        await heading(p, /Create/);
      },
    },
    {
      name: 'forgot-password',
      open: async (p) => {
        await p.goto('/sign-in');
        await p.getByRole('link', { name: /Forgot/ }).click();
        await expect(p).toHaveURL(/\/forgot-password$/);
      },
    },
    {
      name: 'experts',
      open: async (p) => {
        await p.goto('/');
        await p.getByRole('link', { name: 'Browse experts' }).click();
        await heading(p, /expert/i);
      },
    },
    {
      name: 'expert profile',
      open: async (p) => {
        await p.goto('/experts');
        await p.getByRole('link', { name: 'Lukas Becker' }).click();
        await heading(p, 'Lukas Becker');
      },
    },
    // A page that throws notFound() (Next then renders the document in the browser from scratch, as for 403).
    {
      name: '404',
      status: 404,
      open: async (p) => {
        await p.goto('/experts/no-such-expert');
        await heading(p, 'We can’t find that page');
      },
    },
  ],
  learner: [
    {
      name: '/learn',
      open: async (p) => {
        await p.goto('/learn');
        await expect(p.getByRole('heading', { name: 'Today' })).toBeVisible();
      },
    },
    {
      name: '/learn/new',
      open: async (p) => {
        await p.goto('/learn');
        await p.getByRole('link', { name: 'New curriculum' }).first().click();
        await expect(p).toHaveURL(/\/learn\/new$/);
      },
    },
    {
      name: 'curriculum',
      open: async (p) => {
        await p.goto('/learn');
        await p.getByRole('link', { name: /SQL/ }).first().click();
        await expect(p.locator('[data-module-index]').first()).toBeVisible();
      },
    },
    {
      name: '/learn/progress',
      open: async (p) => {
        await p.goto('/learn');
        await p.getByRole('link', { name: 'Progress', exact: true }).first().click();
        await heading(p, 'Progress');
      },
    },
    {
      name: '/sessions',
      open: async (p) => {
        await p.goto('/learn');
        await viaNav(p, 'Sessions');
        await expect(p).toHaveURL(/\/sessions$/);
      },
    },
    {
      name: '403',
      status: 403,
      open: async (p) => {
        await p.goto('/admin');
        await heading(p, 'You don’t have access to this page');
      },
    },
  ],
  expert: [
    {
      name: '/dashboard',
      open: async (p) => {
        await p.goto('/dashboard');
        await expect(p.getByText('Approved · listed')).toBeVisible();
      },
    },
    {
      name: '/availability',
      open: async (p) => {
        await p.goto('/dashboard');
        await viaNav(p, 'Availability');
        await expect(p).toHaveURL(/\/availability$/);
      },
    },
    {
      name: '/earnings',
      open: async (p) => {
        await p.goto('/dashboard');
        await viaNav(p, 'Earnings');
        await expect(p).toHaveURL(/\/earnings$/);
      },
    },
  ],
  admin: [
    {
      name: '/admin',
      open: async (p) => {
        await p.goto('/admin');
        await heading(p, 'Admin panel');
      },
    },
    {
      name: 'application',
      open: async (p) => {
        await p.goto('/admin');
        await p.getByRole('link', { name: 'Tomás Rivera' }).first().click();
        await expect(p).toHaveURL(/\/admin\/applications\/[^/]+$/);
        await heading(p, /Tomás Rivera/);
      },
    },
  ],
};

const storage = new Map<TRole, TStorage>();

async function signedInState(browser: Browser, role: TRole): Promise<TStorage | undefined> {
  if (role === 'visitor') return undefined;
  const known = storage.get(role);
  if (known) return known;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(`${role}@pathwise.dev`);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByLabel('Password').press('Enter');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  const state = await context.storageState();
  await context.close();
  storage.set(role, state);
  return state;
}

for (const role of Object.keys(VISITS) as TRole[]) {
  for (const scheme of SCHEMES) {
    for (const viewport of WIDTHS) {
      test.describe(`${role} · ${scheme} · ${viewport.width}px`, () => {
        let context: BrowserContext;
        let page: Page;
        let errors: ConsoleMessage[] = [];

        test.beforeAll(async ({ browser }) => {
          context = await browser.newContext({ storageState: await signedInState(browser, role), colorScheme: scheme, viewport });
          page = await context.newPage();
          page.on('console', (m) => m.type() === 'error' && errors.push(m));
          page.on('pageerror', (e) =>
            errors.push({ text: () => `uncaught: ${e.message}`, location: () => ({ url: '' }) } as ConsoleMessage),
          );
        });
        test.afterAll(async () => context?.close());

        for (const visit of VISITS[role]) {
          test(visit.name, async () => {
            errors = [];
            await visit.open(page);
            await expect(page.locator('html')).toHaveClass(scheme === 'dark' ? /\bdark\b/ : /^(?!.*\bdark\b)/);
            await page.waitForLoadState('networkidle');
            await expectAccessible(page);
            // A 403 or 404 page's own status is reported by Chromium as a failed resource; that one is expected.
            const unexpected = errors.filter(
              (m) => !(visit.status && m.text().includes(`status of ${visit.status}`) && m.location().url === page.url()),
            );
            expect(unexpected.map((m) => `${m.text()} (${m.location().url})`)).toEqual([]);
          });
        }
      });
    }
  }
}
