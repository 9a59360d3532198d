import { NextResponse, type NextRequest } from 'next/server';

// Gives every request an id that route handlers log and return, so a user's error report
// ("Reference: …") points at one log line.
export function proxy(req: NextRequest) {
  const requestId = req.headers.get('x-request-id') || crypto.randomUUID();
  const headers = new Headers(req.headers);
  headers.set('x-request-id', requestId);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set('x-request-id', requestId);
  return res;
}

// Route handlers get their id from route() (lib/http/route.ts); running the proxy for /api/* too did the
// same work twice on every API request.
export const config = { matcher: ['/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)'] };
