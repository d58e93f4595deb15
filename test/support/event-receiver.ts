import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { OUTBOUND_SECRET } from './harness.ts';

export interface ReceivedEvent {
  headers: IncomingHttpHeaders;
  raw: string;
  json: any;
  /** What the receiver answered. */
  status: number;
  /** Verified by the `standardwebhooks` package from npm, as a customer's receiver would. */
  verified: boolean;
}

/**
 * A customer's endpoint for Handoff's lead events, on 127.0.0.1. Each request is checked with the
 * Standard Webhooks library (an implementation we did not write) against `secret`; `answer`
 * decides the status (200 unless it says otherwise; 0 drops the connection).
 */
export async function startEventReceiver(options: { secret?: string; answer?: (n: number, event: ReceivedEvent) => number } = {}) {
  const requests: ReceivedEvent[] = [];
  const webhook = new Webhook(options.secret ?? OUTBOUND_SECRET);
  let answer = options.answer ?? (() => 200);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let json: any;
      let verified = true;
      try {
        json = webhook.verify(raw, req.headers as Record<string, string>);
      } catch {
        verified = false;
        try { json = JSON.parse(raw); } catch { json = undefined; }
      }
      const event: ReceivedEvent = { headers: req.headers, raw, json, status: 200, verified };
      event.status = answer(requests.length, event);
      requests.push(event);
      if (event.status === 0) return void req.socket.destroy();
      res.writeHead(event.status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/handoff-events`,
    requests,
    /** The events it took (answered 2xx), oldest first. */
    taken: () => requests.filter((r) => r.status >= 200 && r.status < 300),
    answerWith(next: (n: number, event: ReceivedEvent) => number) {
      answer = next;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

export type EventReceiver = Awaited<ReturnType<typeof startEventReceiver>>;
