import type { ReactNode } from 'react';
import { cn } from './cn';
import { ScrollRegion } from './scroll-region';

// One table for the report pages (admin payments and its "All payments" list): a caption for screen readers (or shown),
// column headers with scope, money columns right-aligned in tabular figures, a line under each row, and, for wide
// tables, a keyboard-scrollable region so a phone scrolls the table sideways instead of the page.

export type TColumn<R> = {
  /** The header text; with `hideHeader` it is read by screen readers only (an actions column). */
  header: string;
  hideHeader?: boolean;
  cell: (row: R) => ReactNode;
  /** Amounts: right-aligned, tabular figures. */
  numeric?: boolean;
  /** Extra classes on the column's cells (not its header). */
  className?: string;
  /** A data-testid on the column's cells. */
  testId?: string;
};

export type TDataTableProps<R> = {
  caption: string;
  /** Show the caption above the table (otherwise it is for screen readers only). */
  showCaption?: boolean;
  columns: TColumn<R>[];
  rows: R[];
  rowKey: (row: R) => string;
  /** Said instead of the table when there are no rows. */
  empty?: string;
  testId?: string;
  rowTestId?: string;
  /** A minimum width (a Tailwind class such as `min-w-[36rem]`): the table then scrolls sideways in its own region on narrow screens. */
  minWidth?: string;
  className?: string;
};

const cellPad = 'py-2 pr-4';

export function DataTable<R>({
  caption,
  showCaption = false,
  columns,
  rows,
  rowKey,
  empty,
  testId,
  rowTestId,
  minWidth,
  className,
}: TDataTableProps<R>) {
  if (!rows.length && empty) return <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{empty}</p>;
  const table = (
    <table className={cn('w-full text-left text-sm', minWidth, !minWidth && className)} data-testid={testId}>
      <caption className={showCaption ? 'py-2 text-left font-medium' : 'sr-only'}>{caption}</caption>
      <thead>
        <tr className="border-b border-slate-200 dark:border-slate-800">
          {columns.map((c) => (
            <th key={c.header} scope="col" className={cn(cellPad, c.numeric && 'text-right')}>
              {c.hideHeader ? <span className="sr-only">{c.header}</span> : c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={rowKey(r)} className="border-b border-slate-100 dark:border-slate-900" data-testid={rowTestId}>
            {columns.map((c) => (
              <td key={c.header} className={cn(cellPad, c.numeric && 'text-right tabular-nums', c.className)} data-testid={c.testId}>
                {c.cell(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return minWidth ? (
    // `relative`: the screen-reader-only texts (position: absolute) stay inside the scrolling box instead of
    // widening the page on a phone.
    <ScrollRegion label={caption} className={cn('relative', className)}>
      {table}
    </ScrollRegion>
  ) : (
    table
  );
}
