import { NextResponse } from 'next/server';
import { getPublicPhotoLink } from '@/lib/experts/get-document-link';
import { AppError } from '@/lib/http/app-error';
import { route } from '@/lib/http/route';

// GET /api/experts/:slug/photo – a listed expert's photo, through a short-lived link
export const GET = route<{ slug: string }>(async ({ req, db, params }) => {
  const link = await getPublicPhotoLink(db, params.slug);
  if (!link) throw new AppError('not_found', 'No photo.');
  return NextResponse.redirect(new URL(link, req.nextUrl.origin), { status: 302, headers: { 'cache-control': 'private, max-age=60' } });
});
