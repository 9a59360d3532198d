import { sendJson, type TApiError } from '@/components/auth/api-client';

export const send = sendJson;

export function describeError(e: TApiError): string {
  const fields = Object.values(e.fields ?? {});
  return fields.length ? `${e.message} ${fields.join(' ')}` : e.message;
}
