import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DataTable, type TColumn, type TDataTableProps } from '@/components/ui/data-table';

// The one table of the admin payments pages (components/ui/data-table.tsx): caption, scoped headers, the money
// columns, the test ids the e2e specs find rows and cells by, the empty text, and the scrolling region of wide tables.

type TRow = { id: string; who: string; amount: string };
const columns: TColumn<TRow>[] = [
  { header: 'Who', cell: (r) => r.who },
  { header: 'Amount', numeric: true, cell: (r) => r.amount, testId: 'row-amount' },
  { header: 'Actions', hideHeader: true, cell: () => 'act' },
];
const rows: TRow[] = [
  { id: 'a', who: 'Ada', amount: '$10' },
  { id: 'b', who: 'Bo', amount: '$20' },
];
const render = (p: Partial<TDataTableProps<TRow>>) =>
  renderToStaticMarkup(createElement(DataTable<TRow>, { caption: 'Payments', columns, rows, rowKey: (r) => r.id, ...p }));

describe('DataTable', () => {
  it('has a caption (screen readers only unless shown) and column headers with scope', () => {
    const html = render({});
    expect(html).toContain('<caption class="sr-only">Payments</caption>');
    expect(html.match(/<th scope="col"/g)).toHaveLength(3);
    expect(html).toContain('<span class="sr-only">Actions</span>');
    expect(render({ showCaption: true })).toContain('<caption class="py-2 text-left font-medium">Payments</caption>');
  });

  it('right-aligns amounts in tabular figures and puts the test ids on rows and cells', () => {
    const html = render({ rowTestId: 'payment-row', testId: 'payments' });
    expect(html).toContain('data-testid="payments"');
    expect(html.match(/<tr class="[^"]*" data-testid="payment-row">/g)).toHaveLength(2);
    expect(html).toMatch(/<td class="py-2 pr-4 text-right tabular-nums" data-testid="row-amount">\$10<\/td>/);
  });

  it('says the empty text instead of an empty table', () => {
    const html = render({ rows: [], empty: 'No payments yet.' });
    expect(html).not.toContain('<table');
    expect(html).toContain('No payments yet.');
  });

  it('wraps a wide table in a focusable, labelled region that contains its absolutely positioned texts', () => {
    const html = render({ minWidth: 'min-w-[48rem]' });
    expect(html).toMatch(/^<div role="region" aria-label="Payments" tabindex="0" class="overflow-x-auto relative">/);
    expect(html).toContain('<table class="w-full text-left text-sm min-w-[48rem]"');
    expect(render({})).toMatch(/^<table/);
  });
});
