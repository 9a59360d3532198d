import type { Metadata } from 'next';
import { NotificationCentre } from '@/components/notifications/notification-centre';
import { Container } from '@/components/ui/container';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/current-user';
import { getDb } from '@/lib/db';
import { loadCentre } from '@/lib/notifications/centre';

export const metadata: Metadata = { title: 'Notifications' };

export default async function NotificationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser('/notifications');
  const raw = (await searchParams).page;
  const page = Math.min(10_000, Math.max(1, Number.parseInt(typeof raw === 'string' ? raw : '1', 10) || 1));
  const data = await loadCentre(await getDb(), user, page);
  return (
    <Container>
      <PageHeader
        title="Notifications"
        description="What happened with your sessions, payments, applications and curricula, newest first."
      />
      <NotificationCentre
        items={data.items.map((n) => ({
          id: n.id,
          kind: n.kind,
          title: n.title,
          body: n.body,
          link: n.link,
          read: !!n.read_at,
          createdAt: new Date(n.created_at).toISOString(),
        }))}
        unread={data.unread}
        page={data.page}
        hasMore={data.hasMore}
        realtime={data.realtime}
      />
    </Container>
  );
}
