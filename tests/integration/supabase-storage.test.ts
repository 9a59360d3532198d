import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSupabaseStorage } from '@/lib/storage/supabase-storage';
import { PDF_BYTES } from '../support/marketplace-factories';

// A local HTTP server that answers like Supabase's Storage API, driven through the real SDK.
type TSeen = { method: string; url: string; auth: string | undefined; type: string | undefined; body: Buffer };
let server: Server;
let base: string;
const seen: TSeen[] = [];
const stored = new Map<string, Buffer>();

const read = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await read(req);
    seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, type: req.headers['content-type'], body });
    const json = (status: number, data: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(data));
    };
    const upload = req.url!.match(/^\/storage\/v1\/object\/(?!sign\/)([^/]+)\/(.+)$/);
    const sign = req.url!.match(/^\/storage\/v1\/object\/sign\/([^/]+)\/(.+)$/);
    if (req.method === 'POST' && upload) {
      if (stored.has(upload[2])) return json(400, { statusCode: '409', error: 'Duplicate', message: 'The resource already exists' });
      stored.set(upload[2], body);
      return json(200, { Key: `${upload[1]}/${upload[2]}`, Id: 'obj-1' });
    }
    if (req.method === 'POST' && sign) {
      const { expiresIn } = JSON.parse(body.toString()) as { expiresIn: number };
      if (!stored.has(sign[2])) return json(400, { statusCode: '404', error: 'not_found', message: 'Object not found' });
      return json(200, { signedURL: `/object/sign/${sign[1]}/${sign[2]}?token=tok-${expiresIn}` });
    }
    json(404, { message: 'unexpected ' + req.method + ' ' + req.url });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('Supabase Storage through @supabase/supabase-js', () => {
  it('uploads with the service key and the detected type, then signs a short-lived link', async () => {
    const s = createSupabaseStorage(base, 'service-role-key', 'pathwise');
    await s.put('experts/e1/abc.pdf', PDF_BYTES, 'application/pdf');
    const up = seen.find((x) => x.url === '/storage/v1/object/pathwise/experts/e1/abc.pdf')!;
    expect(up.method).toBe('POST');
    expect(up.auth).toBe('Bearer service-role-key');
    expect(Buffer.from(PDF_BYTES).equals(stored.get('experts/e1/abc.pdf')!)).toBe(true);

    const url = await s.signedUrl('experts/e1/abc.pdf', 300);
    expect(url).toBe(`${base}/storage/v1/object/sign/pathwise/experts/e1/abc.pdf?token=tok-300`);
  });

  it('turns Storage errors into thrown errors', async () => {
    const s = createSupabaseStorage(base, 'service-role-key', 'pathwise');
    await expect(s.put('experts/e1/abc.pdf', PDF_BYTES, 'application/pdf')).rejects.toThrow(/upload failed: The resource already exists/);
    await expect(s.signedUrl('experts/e1/missing.pdf', 300)).rejects.toThrow(/could not sign a link: Object not found/);
  });
});
