import { z } from 'zod';

/** /api/bookings/:id/recordings/:recordingId — both ids are uuids (a 400 otherwise, never a database error). */
export const ZRecordingParams = z.object({ id: z.uuid('Is not a valid id.'), recordingId: z.uuid('Is not a valid id.') });
export type TRecordingParams = z.infer<typeof ZRecordingParams>;
