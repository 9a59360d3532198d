import { z } from 'zod';

// The signalling protocol of the built-in room, on the `/video` Socket.IO namespace (docs/video.md). Shared by
// the server (lib/video/attach-video.ts) and the browser (components/video); no I/O here.
//
// client → server
//   join   { bookingId, instance }  ack TJoinAck   enter the room (the access rule is checked again here)
//   signal { key, description?, candidate? }       relayed to the other participant's sockets only
//   chat   { text }                 ack TChatAck   sent to both participants (not stored)
//   leave                                          leaving on purpose (tab closed, Leave button)
// server → client
//   peer-joined { role, instance }  the other participant entered (or came back after a drop)
//   peer-left   { role, gone }      gone: true when they left on purpose, false when their connection dropped
//   signal      { description? , candidate? }
//   chat        TChatMessage
//   replaced                        the same user joined from another tab; this one is out of the room
//   room-closed                     the window ended

export const VIDEO_NAMESPACE = '/video';
export const roomOf = (bookingId: string) => `video:${bookingId}`;
export const peerOf = (bookingId: string, userId: string) => `video:${bookingId}:${userId}`;

/** `instance`: a random id per page load, so the other side can tell a reloaded tab from a reconnected one. */
export const ZJoin = z.object({ bookingId: z.string().max(64), instance: z.string().max(64).default('') });

export const ZSignal = z
  .object({
    /** The sender's page instance and peer-connection generation: `<instance>:<n>` (a fresh connection, a new n). */
    key: z.string().max(80),
    description: z
      .object({ type: z.enum(['offer', 'answer', 'pranswer', 'rollback']), sdp: z.string().max(200_000).optional() })
      .optional(),
    candidate: z
      .object({
        candidate: z.string().max(4_000),
        sdpMid: z.string().max(64).nullable().optional(),
        sdpMLineIndex: z.number().int().min(0).max(1024).nullable().optional(),
        usernameFragment: z.string().max(256).nullable().optional(),
      })
      .nullable()
      .optional(),
  })
  .refine((s) => s.description !== undefined || s.candidate !== undefined, 'a description or a candidate');
export type TSignal = z.infer<typeof ZSignal>;

export const CHAT_MAX_CHARS = 2000;
export const ZChat = z.object({ text: z.string().trim().min(1).max(CHAT_MAX_CHARS) });
export type TChatMessage = { id: string; role: 'learner' | 'expert'; name: string; text: string; at: string };

export type TRoomRole = 'learner' | 'expert';
export type TJoinAck =
  | { ok: true; role: TRoomRole; polite: boolean; peerPresent: boolean; peerInstance: string | null; closesAt: string }
  | { ok: false; status: 403; reason: string; message: string };
export type TChatAck = { ok: true; message: TChatMessage } | { ok: false; error: 'not_joined' | 'invalid' | 'too_fast' };
