'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { DeleteAccountDialog } from './delete-account-dialog';

export function DangerZone({ canDelete }: { canDelete: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby="danger-heading" className="rounded-2xl border border-red-200 p-5 dark:border-red-900">
      <h2 id="danger-heading" className="text-lg font-semibold text-red-800 dark:text-red-300">
        Delete my account
      </h2>
      {canDelete ? (
        <>
          <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
            Removes your personal data and signs you out everywhere. Download your data first if you want a copy.
          </p>
          <Button variant="danger" type="button" className="mt-4" onClick={() => setOpen(true)}>
            Delete my account…
          </Button>
          {open ? <DeleteAccountDialog onClose={() => setOpen(false)} /> : null}
        </>
      ) : (
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
          Admin accounts are removed by another admin, so the platform is never left without one.
        </p>
      )}
    </section>
  );
}
