import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MARKETING_CHANNEL, standardSignatureOk, startTestApp, type TestApp } from '../support/harness.ts';
import { rowIs, send } from './support.ts';

interface Received { headers: http.IncomingHttpHeaders; body: string; signatureOk: boolean }

/** A receiver that checks each request's signature the way a customer's would, answering with the given statuses in turn. */
async function startReceiver(statuses: number[]) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signatureOk = standardSignatureOk(req.headers, body);
      received.push({ headers: req.headers, body, signatureOk });
      res.writeHead(statuses[Math.min(received.length - 1, statuses.length - 1)]).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/handoff?key=abc`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('outbound webhooks from the outbox', () => {
  let app: TestApp;
  beforeEach(async () => { app = await startTestApp(); });
  afterEach(() => app.stop());

  it('POSTs the event signed as Standard Webhooks with its own secret, retrying a receiver that fails twice first', async () => {
    const receiver = await startReceiver([503, 500, 204]);
    try {
      const body = { type: 'lead.paused', email: 'ana@acme.example', until: '2026-12-23' };
      const id = await send(app, { kind: 'webhook', target: receiver.url, payload: { eventId: 'evt-42', body } });
      const sent = await rowIs(app, id, 'sent');

      expect(receiver.received).toHaveLength(3);
      for (const request of receiver.received) {
        expect(request.signatureOk).toBe(true);
        expect(request.headers['content-type']).toBe('application/json');
        expect(request.headers['webhook-id']).toBe('evt-42');
        // The moment it was sent, by the machine's clock (the receiver compares it with its own).
        expect(Math.abs(Number(request.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
        expect(request.headers['x-handoff-signature']).toBeUndefined();
        expect(JSON.parse(request.body)).toEqual(body);
      }
      expect(sent).toMatchObject({ attempts: 3, result: JSON.stringify({ status: 204 }) });
    } finally {
      await receiver.close();
    }
  });

  it('gives up on a 4xx answer and tells marketing, without retrying', async () => {
    const receiver = await startReceiver([404]);
    try {
      const id = await send(app, { kind: 'webhook', target: receiver.url, payload: { eventId: 'evt-43', body: {} } });
      const failed = await rowIs(app, id, 'failed');
      expect(failed.last_error).toBe('http_404');
      const [notice] = await app.standIn.waitFor('chat.postMessage', (c) => c.args.channel === MARKETING_CHANNEL);
      // The query string may hold a key: marketing sees only where it went.
      expect(notice.args.text).toBe(`Handoff could not deliver a webhook event to the webhook ${receiver.url.split('?')[0]} and gave up: http_404 (outbox #${id}). Other events to it given up on today are not announced again.`);
      expect(receiver.received).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('retries a 408 and a 429 as the receiver asks, not as failures', async () => {
    const receiver = await startReceiver([408, 429, 200]);
    try {
      const id = await send(app, { kind: 'webhook', target: receiver.url, payload: { eventId: 'evt-44', body: { n: 1 } } });
      await rowIs(app, id, 'sent');
      expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual(['evt-44', 'evt-44', 'evt-44']);
    } finally {
      await receiver.close();
    }
  });
});
