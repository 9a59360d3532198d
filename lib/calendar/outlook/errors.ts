import 'server-only';
import { AuthError, InteractionRequiredAuthError } from '@azure/msal-node';
import { GraphError } from '@microsoft/microsoft-graph-client';
import { CalendarProviderError } from '../types';
import { TIMEOUT_ERROR_NAME } from './transport';

// Microsoft's failures in the provider's vocabulary: a refresh token Microsoft refuses (invalid_grant,
// interaction required) or a 401 from Graph with a freshly refreshed token means the grant is gone
// ('revoked' → "Reconnect"); a hung call is 'timeout'; the rest are passing outages.

const REVOKED_CODES = new Set(['invalid_grant', 'interaction_required', 'consent_required', 'login_required', 'invalid_client']);

export function fromMsalError(e: unknown): CalendarProviderError {
  if (e instanceof CalendarProviderError) return e;
  if (e instanceof InteractionRequiredAuthError)
    return new CalendarProviderError('revoked', `Outlook access was revoked: ${e.errorCode}`, e);
  if (e instanceof AuthError) {
    if (REVOKED_CODES.has(e.errorCode)) return new CalendarProviderError('revoked', `Outlook access was revoked: ${e.errorCode}`, e);
    if (/timeout|timed out/i.test(e.errorMessage ?? '') || /timeout/i.test(e.message))
      return new CalendarProviderError('timeout', 'Microsoft sign-in did not answer in time', e);
  }
  return new CalendarProviderError('unavailable', `Microsoft sign-in failed: ${e instanceof Error ? e.message : String(e)}`, e);
}

export function fromGraphError(e: unknown): CalendarProviderError {
  if (e instanceof CalendarProviderError) return e;
  if (e instanceof GraphError) {
    if (e.code === TIMEOUT_ERROR_NAME) return new CalendarProviderError('timeout', 'Microsoft Graph did not answer in time', e);
    if (e.statusCode === 401) return new CalendarProviderError('revoked', 'Microsoft Graph refused the access token (401)', e);
    if (e.statusCode === 404 || e.statusCode === 410)
      return new CalendarProviderError('not_found', `Microsoft Graph: ${e.code ?? 'not found'}`, e);
    if (e.statusCode === 429) return new CalendarProviderError('rate_limited', 'Microsoft Graph is throttling requests (429)', e);
    return new CalendarProviderError('unavailable', `Microsoft Graph answered ${e.statusCode}: ${e.code ?? e.message}`, e);
  }
  return new CalendarProviderError('unavailable', `Microsoft Graph failed: ${e instanceof Error ? e.message : String(e)}`, e);
}
