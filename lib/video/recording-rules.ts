// The rules of a recording, pure (no I/O): who has consented, when it may start, what a withdrawal does
// (the room's own window is lib/video/access-window.ts). lib/video/recordings.ts applies them in a transaction.

export type TSide = 'learner' | 'expert';
export type TRecordingStatus = 'requested' | 'recording' | 'stopped' | 'ready' | 'declined';
export type TConsentAnswer = { role: TSide; granted: boolean; at: Date };

/** The answer in force for each side: the latest one it gave for this recording (answers are append-only). */
export function consentsInForce(answers: TConsentAnswer[]): Record<TSide, boolean | null> {
  const out: Record<TSide, boolean | null> = { learner: null, expert: null };
  const sorted = [...answers].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const a of sorted) out[a.role] = a.granted;
  return out;
}

/** Recording may run only while BOTH sides' answers in force are yes. One consent is never enough. */
export function bothConsented(answers: TConsentAnswer[]): boolean {
  const c = consentsInForce(answers);
  return c.learner === true && c.expert === true;
}

/**
 * The status after a side answers. A yes that completes the pair starts a requested recording; a no declines
 * a request or stops a running recording (consent withdrawn). Answers to a finished recording change nothing.
 */
export function statusAfterAnswer(status: TRecordingStatus, answers: TConsentAnswer[]): TRecordingStatus {
  const c = consentsInForce(answers);
  const refused = c.learner === false || c.expert === false;
  if (status === 'requested') return refused ? 'declined' : bothConsented(answers) ? 'recording' : 'requested';
  if (status === 'recording') return refused ? 'stopped' : 'recording';
  return status;
}

/** When a ready recording is deleted by the retention job. */
export function deleteAfter(readyAt: Date, retentionDays: number): Date {
  return new Date(readyAt.getTime() + retentionDays * 86_400_000);
}

/** WebM (and Matroska) files start with the EBML magic number. */
export function looksLikeWebm(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3;
}
