import { NextResponse } from 'next/server';
import { z } from 'zod';
import { uploadDocument } from '@/lib/experts/upload-document';
import { AppError } from '@/lib/http/app-error';
import { assertNoNul } from '@/lib/http/request-guard';
import { route, type TAuthedContext } from '@/lib/http/route';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { MAX_UPLOAD_BYTES } from '@/lib/storage/validate-upload';

const ZKind = z.object({ kind: z.enum(['credential', 'photo'], { message: 'Choose credential or photo.' }) });

// POST /api/expert/documents – multipart upload (fields: kind, file) of a credential or the profile photo
export const POST = route(
  async ({ req, db, user }: TAuthedContext<object>) => {
    const length = Number(req.headers.get('content-length') ?? 0);
    if (length > MAX_UPLOAD_BYTES + 64 * 1024) {
      throw new AppError('unprocessable', 'The file is too large: the limit is 5 MB.', {
        file: 'The file is too large: the limit is 5 MB.',
      });
    }
    const form = await req.formData().catch(() => {
      throw new AppError('invalid_input', 'Send the file as multipart/form-data.');
    });
    // As readJson does for JSON: a NUL byte in a field or a file name is a 400 naming the field (Postgres cannot
    // store one; a file named "a\0.pdf" was a 22021 at the insert, found by tests/integration/fuzz-routes.test.ts).
    assertNoNul(Object.fromEntries([...form.entries()].map(([k, v]) => [k, typeof v === 'string' ? v : v.name])));
    const { kind } = parseOrThrow(ZKind, { kind: form.get('kind') });
    const file = form.get('file');
    if (!(file instanceof File)) throw new AppError('invalid_input', 'Choose a file to upload.', { file: 'Choose a file to upload.' });
    const doc = await uploadDocument(db, user, { kind, filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    return NextResponse.json({ document: doc }, { status: 201 });
  },
  { roles: ['expert'], multipart: true },
);
