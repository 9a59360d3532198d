'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';
import { Button } from '@/components/ui/button';

// The dialog (its form library and schema, ~30 kB gzip) loads when the user opens it, not with the page;
// pointing at the button starts the download.
const loadDialog = () => import('./delete-account-dialog');
const DeleteAccountDialog = dynamic(() => loadDialog().then((m) => m.DeleteAccountDialog), { ssr: false });

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
          <Button
            variant="danger"
            type="button"
            className="mt-4"
            onPointerEnter={() => void loadDialog()}
            onFocus={() => void loadDialog()}
            onClick={() => setOpen(true)}
          >
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
