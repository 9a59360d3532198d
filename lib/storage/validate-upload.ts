import 'server-only';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '@/lib/http/app-error';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export const ALLOWED_TYPES = {
  credential: { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' },
  photo: { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' },
} as const;
export type TUploadKind = keyof typeof ALLOWED_TYPES;

/**
 * Checks an upload by its bytes, not its name or the browser's claimed type, and by size.
 * Returns the detected type and the extension to store it under.
 */
export async function validateUpload(
  kind: TUploadKind,
  bytes: Uint8Array,
  maxBytes = MAX_UPLOAD_BYTES,
): Promise<{ mime: string; ext: string }> {
  if (bytes.byteLength === 0) throw new AppError('invalid_input', 'The file is empty.', { file: 'The file is empty.' });
  if (bytes.byteLength > maxBytes) {
    const message = `The file is too large: the limit is ${Math.round(maxBytes / 1024 / 1024)} MB.`;
    throw new AppError('unprocessable', message, { file: message });
  }
  const detected = await fileTypeFromBuffer(bytes);
  const allowed: Record<string, string> = ALLOWED_TYPES[kind];
  if (!detected || !allowed[detected.mime]) {
    const message = kind === 'photo' ? 'Upload a photo as PNG, JPEG or WebP.' : 'Upload a PDF, PNG, JPEG or WebP file.';
    throw new AppError('unprocessable', `${message} This file is ${detected ? detected.mime : 'not a recognised type'}.`, {
      file: message,
    });
  }
  return { mime: detected.mime, ext: allowed[detected.mime] };
}
