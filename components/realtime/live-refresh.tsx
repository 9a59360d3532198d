'use client';

import { useRouter } from 'next/navigation';
import { useRealtime } from './use-realtime';

/** Re-renders the page's server data when another tab or device changes progress or a generation ends. */
export function LiveRefresh({ url, sinceSeq, curriculumId }: { url: string | null; sinceSeq: number; curriculumId?: string }) {
  const router = useRouter();
  useRealtime(
    (e) => {
      if (curriculumId && e.payload.curriculumId !== curriculumId) return;
      if (
        e.type === 'progress.updated' ||
        (e.type === 'curriculum.status' && (e.payload.status === 'ready' || e.payload.status === 'failed'))
      ) {
        router.refresh();
      }
    },
    { url, sinceSeq },
  );
  return null;
}
