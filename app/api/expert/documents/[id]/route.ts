import { NextResponse } from 'next/server';
import { deleteDocument } from '@/lib/experts/delete-document';
import { route, type TAuthedContext } from '@/lib/http/route';

// DELETE /api/expert/documents/:id – the owner removes a document while the application is editable
export const DELETE = route(
  async ({ db, user, params }: TAuthedContext<{ id: string }>) => {
    await deleteDocument(db, user, { id: params.id });
    return new NextResponse(null, { status: 204 });
  },
  { roles: ['expert'] },
);
