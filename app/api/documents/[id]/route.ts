import { NextResponse } from 'next/server';
import { getDocumentLink } from '@/lib/experts/get-document-link';
import { route, type TAuthedContext } from '@/lib/http/route';

// GET /api/documents/:id – redirects the owner or an admin to a link valid for five minutes
export const GET = route<{ id: string }>(
  async ({ req, db, user, params }: TAuthedContext<{ id: string }>) => {
    const link = await getDocumentLink(db, user, params.id);
    return NextResponse.redirect(new URL(link, req.nextUrl.origin), { status: 302, headers: { 'cache-control': 'no-store' } });
  },
  { roles: ['expert', 'admin'] },
);
