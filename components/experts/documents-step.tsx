'use client';

import { useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { TOwnApplication, TOwnDocument } from '@/lib/experts/get-own-application';
import { describeError, send } from './send-json';

export function DocumentsStep({
  app,
  onUploaded,
  onNext,
  nextLabel = 'Continue',
}: {
  app: TOwnApplication;
  onUploaded: () => void;
  onNext: () => void;
  nextLabel?: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [docs, setDocs] = useState<TOwnDocument[]>(app.documents);
  const fileRef = useRef<HTMLInputElement>(null);
  const kindRef = useRef<HTMLSelectElement>(null);

  async function upload(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    const file = fileRef.current?.files?.[0];
    if (!file) return setError('Choose a file to upload.');
    const form = new FormData();
    form.set('kind', kindRef.current?.value ?? 'credential');
    form.set('file', file);
    setBusy(true);
    const res = await send<{ document: TOwnDocument }>('POST', '/api/expert/documents', form);
    setBusy(false);
    if (!res.ok) return setError(describeError(res.error));
    setDocs((d) => [...d, res.data.document]);
    if (fileRef.current) fileRef.current.value = '';
    onUploaded();
  }

  async function remove(doc: TOwnDocument) {
    setError(null);
    setBusy(true);
    const res = await send<null>('DELETE', `/api/expert/documents/${doc.id}`);
    setBusy(false);
    if (!res.ok) return setError(describeError(res.error));
    setDocs((d) => d.filter((x) => x.id !== doc.id));
    onUploaded();
  }

  // The server allows removal only while the application can still be edited (lib/experts/delete-document.ts).
  const removable = app.status === 'draft' || app.status === 'changes_requested';

  return (
    <div className="space-y-5">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Credentials (diplomas, certificates) as PDF, PNG, JPEG or WebP, up to 5 MB each, at most 20 documents. Only you and our review team
        can open them, through links that expire after five minutes. A photo is optional and appears on your public profile.
      </p>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <form onSubmit={upload} className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="space-y-1.5">
          <label htmlFor="doc-kind" className="block text-sm font-medium">
            Type
          </label>
          <select
            id="doc-kind"
            ref={kindRef}
            className="block rounded-xl border border-slate-300 bg-white px-3 py-2.5 dark:border-slate-700 dark:bg-slate-950"
          >
            <option value="credential">Credential</option>
            <option value="photo">Profile photo</option>
          </select>
        </div>
        <div className="min-w-0 flex-1 space-y-1.5">
          <label htmlFor="doc-file" className="block text-sm font-medium">
            File
          </label>
          <input
            id="doc-file"
            ref={fileRef}
            type="file"
            accept="application/pdf,image/png,image/jpeg,image/webp"
            className="block w-full text-sm"
          />
        </div>
        <Button type="submit" variant="secondary" disabled={busy}>
          {busy ? 'Uploading…' : 'Upload'}
        </Button>
      </form>
      {docs.length ? (
        <ul
          className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
          aria-label="Uploaded documents"
        >
          {docs.map((d) => (
            <li key={d.id} className="flex flex-wrap justify-between gap-2 px-4 py-2 text-sm">
              <a className="link break-all" href={`/api/documents/${d.id}`} target="_blank" rel="noopener noreferrer">
                {d.filename}
              </a>
              <span className="flex items-center gap-3 text-slate-600 dark:text-slate-400">
                {d.kind === 'photo' ? 'Photo' : 'Credential'} · {Math.max(1, Math.round(d.size_bytes / 1024))} KB
                {removable ? (
                  <button
                    type="button"
                    className="link text-red-700 dark:text-red-400"
                    disabled={busy}
                    aria-label={`Remove ${d.filename}`}
                    onClick={() => remove(d)}
                  >
                    Remove
                  </button>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm">No documents yet.</p>
      )}
      {app.status === 'approved' ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          A new photo appears on your public profile once the review team accepts it.
        </p>
      ) : null}
      <Button type="button" onClick={onNext}>
        {nextLabel}
      </Button>
    </div>
  );
}
