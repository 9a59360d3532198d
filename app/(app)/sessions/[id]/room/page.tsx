import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { RoomWithRecording } from '@/components/video/room-with-recording';
import { requireRole } from '@/lib/auth/current-user';
import { env } from '@/lib/config';
import { getDb } from '@/lib/db';
import { iceServers } from '@/lib/video/config';
import { roomAccess } from '@/lib/video/room-access';

export const metadata: Metadata = { title: 'Session room' };

// The built-in 1:1 room (docs/video.md). Only the booking's learner and expert, inside the window: everyone
// else (admins, other users, a wrong id, too early, too late, not confirmed) gets the 403 page.
export default async function RoomPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireRole(['learner', 'expert'], `/sessions/${id}/room`);
  const access = await roomAccess(await getDb(), user.id, id);
  if (!access.ok) forbidden();
  return <RoomWithRecording room={access.room} iceServers={iceServers()} realtimeUrl={env().REALTIME_URL ?? null} />;
}
