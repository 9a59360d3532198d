import { ScrollRegion } from '@/components/ui/scroll-region';
import type { TFieldChange } from '@/lib/experts/profile-change';

/** Live vs proposed, field by field: the expert's "waiting for review" list and the admin's diff. */
export function PendingChanges({ changes, caption }: { changes: TFieldChange[]; caption: string }) {
  return (
    <ScrollRegion label={caption}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-800">
            <th scope="col" className="py-2 pr-4 font-medium">
              Field
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Live now
            </th>
            <th scope="col" className="py-2 font-medium">
              Proposed
            </th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.field} className="border-b border-slate-100 align-top dark:border-slate-800">
              <th scope="row" className="py-2 pr-4 font-medium">
                {c.label}
              </th>
              <td className="whitespace-pre-line break-words py-2 pr-4 text-slate-600 dark:text-slate-400">{c.live}</td>
              <td className="whitespace-pre-line break-words py-2">{c.proposed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
