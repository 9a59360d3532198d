import { AppError } from '@/lib/http/app-error';
import { route } from '@/lib/http/route';
import { getLocalStorage } from '@/lib/storage/get-storage';

const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  webm: 'video/webm',
};

// GET /api/files/:key?exp=&sig= – serves a local-disk file behind a signed, expiring link
export const GET = route<{ key: string[] }>(async ({ req, params }) => {
  const local = await getLocalStorage();
  const key = params.key.join('/');
  const sp = req.nextUrl.searchParams;
  if (!local || !local.verify(key, sp.get('exp'), sp.get('sig'))) throw new AppError('forbidden', 'This link has expired or is not valid.');
  const bytes = await local.read(key).catch(() => {
    throw new AppError('not_found', 'No such file.');
  });
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': TYPES[key.split('.').pop() ?? ''] ?? 'application/octet-stream',
      'cache-control': 'private, max-age=60',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    },
  });
});
