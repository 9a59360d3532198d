import { NextResponse } from 'next/server';
import { route } from '@/lib/http/route';
import { exportUserData } from '@/lib/privacy/export-user-data';
import { ANY_ROLE } from '@/lib/auth/permissions';

// GET /api/account/export – "Download my data": everything about the signed-in user as one JSON file
export const GET = route(
  async ({ db, user }) => {
    const data = await exportUserData(db, user);
    const day = data.exportedAt.slice(0, 10);
    return new NextResponse(JSON.stringify(data, null, 2), {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="pathwise-data-${day}.json"`,
        // Personal data: never kept by a browser or proxy cache.
        'cache-control': 'no-store',
      },
    });
  },
  { roles: ANY_ROLE },
);
