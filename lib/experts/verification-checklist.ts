// What an application still lacks before it can be approved. Pure: no I/O, unit tested item by item.
export type TChecklist = {
  identity_verified: boolean;
  credentials_verified: boolean;
  background_status: 'not_started' | 'pending' | 'clear' | 'flagged';
};

export type TChecklistGap = { item: 'identityVerified' | 'credentialsVerified' | 'backgroundStatus'; message: string };

const BACKGROUND: Record<Exclude<TChecklist['background_status'], 'clear'>, string> = {
  not_started: 'The background check has not started.',
  pending: 'The background check is still pending.',
  flagged: 'The background check is flagged.',
};

/** Every unmet item, in checklist order; empty when the application may be approved. */
export function checklistGaps(c: TChecklist): TChecklistGap[] {
  const gaps: TChecklistGap[] = [];
  if (!c.identity_verified) gaps.push({ item: 'identityVerified', message: 'Identity is not verified.' });
  if (!c.credentials_verified) gaps.push({ item: 'credentialsVerified', message: 'Credentials are not verified.' });
  if (c.background_status !== 'clear') gaps.push({ item: 'backgroundStatus', message: BACKGROUND[c.background_status] });
  return gaps;
}

export const EMPTY_CHECKLIST: TChecklist = { identity_verified: false, credentials_verified: false, background_status: 'not_started' };
