import { sendJson } from '@/components/auth/api-client';

/** PATCH with JSON, answering the API's data or its `{ error }` shape. */
export const patchJson = <T>(url: string, body: unknown) => sendJson<T>('PATCH', url, body);
