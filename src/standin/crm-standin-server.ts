import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a CRM stand-in received, and what it answered. */
export interface CrmCall {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  status: number;
}

export interface CrmReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A small HTTP server on 127.0.0.1 that records every call and answers through `handle`. */
export async function startCrmServer(handle: (call: Omit<CrmCall, 'status'>, raw: string) => CrmReply): Promise<{ url: string; calls: CrmCall[]; close(): Promise<void> }> {
  const calls: CrmCall[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = raw;
      if ((req.headers['content-type'] ?? '').includes('json')) {
        try { body = JSON.parse(raw); } catch { body = raw; }
      } else if ((req.headers['content-type'] ?? '').includes('x-www-form-urlencoded')) {
        body = Object.fromEntries(new URLSearchParams(raw));
      }
      const call = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body };
      const reply = handle(call, raw);
      calls.push({ ...call, status: reply.status });
      const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
      res.writeHead(reply.status, { ...(text ? { 'content-type': 'application/json;charset=UTF-8' } : {}), ...reply.headers });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
