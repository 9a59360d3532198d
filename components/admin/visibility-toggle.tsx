'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { describeError, send } from '@/components/experts/send-json';
import { Button } from '@/components/ui/button';

export function VisibilityToggle({ expertId, hidden }: { expertId: string; hidden: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  async function toggle() {
    const res = await send('POST', `/api/admin/experts/${expertId}/visibility`, { hidden: !hidden });
    if (!res.ok) return setError(describeError(res.error));
    router.refresh();
  }
  return (
    <div>
      <Button type="button" variant="secondary" onClick={toggle}>
        {hidden ? 'Show in the directory' : 'Hide from the directory'}
      </Button>
      {error ? (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
