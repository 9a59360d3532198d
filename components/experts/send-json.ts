import { sendJson, type TApiError } from '@/components/auth/api-client';

export const send = sendJson;

/**
 * One line for a form-level alert: the message, then any field message it does not already say
 * (the API often repeats a single field's message as its own), each once.
 */
export function describeError(e: TApiError): string {
  const extra = [...new Set(Object.values(e.fields ?? {}))].filter((m) => !e.message.includes(m));
  return [e.message, ...extra].join(' ');
}
