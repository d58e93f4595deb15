import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeSignature } from '../../src/http/auth.ts';
import { SLACK_BODY_LIMIT } from '../../src/http/slack-gate.ts';
import { API_TOKEN, startTestApp, WEBHOOK_SECRET, type TestApp } from '../support/harness.ts';

// What a scanner, an uptime check or a load balancer sends to a public Handoff: every method on
// every route, request targets `new URL` cannot read, and big unsigned bodies. None of it may stop
// the process, and each gets a plain answer.

const ROUTES = [
  '/slack/events', '/webhooks/leads', '/webhooks/campaigns', '/api/suppressions', '/api/campaigns', '/api/campaigns/q4',
  '/api/leads', '/api/leads/crm-1', '/api/content', '/healthz', '/', '/nope', '/slack/events/extra',
];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** Sends raw bytes and resolves with the status line of the answer (or '' when the socket closed without one). */
function rawRequest(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => { answer += d; });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer.split('\r\n')[0]));
    socket.write(bytes);
    setTimeout(() => socket.end(), 200);
  });
}

describe('the HTTP surface, tried as a scanner would', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp(); });
  afterAll(async () => { await app.stop(); });

  const healthy = async () => expect((await app.get('/healthz')).status).toBe(200);

  it('answers every method on every route with a 2xx or 4xx, never a crash', async () => {
    const answers: string[] = [];
    for (const path of ROUTES) {
      for (const method of METHODS) {
        const res = await fetch(app.url + path, { method, headers: { authorization: `Bearer ${API_TOKEN}` } });
        await res.arrayBuffer();
        answers.push(`${method} ${path} ${res.status}`);
      }
    }
    const odd = answers.filter((a) => !/ (200|202|400|401|404|405)$/.test(a));
    expect(odd).toEqual([]);
    expect(answers).toContain('GET /slack/events 405');
    expect(answers).toContain('HEAD /slack/events 405');
    expect(answers).toContain('DELETE /webhooks/leads 405');
    expect(answers).toContain('GET /nope 404');
    expect(answers).toContain('HEAD /healthz 200');
    await healthy();
  });

  it('says which methods a route takes when it refuses one', async () => {
    const res = await fetch(app.url + '/slack/events');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(await res.json()).toEqual({ error: 'method_not_allowed', message: 'GET is not allowed on /slack/events; Slack POSTs.' });
    const put = await fetch(app.url + '/api/leads', { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers request targets that are not URLs with 400 and goes on', async () => {
    const port = app.handoff.port;
    const lines = [
      'GET //[ HTTP/1.1\r\nHost: x\r\n\r\n',
      'POST //[ HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}',
      'GET http://[::1 HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET //[/slack/events HTTP/1.1\r\nHost: x\r\n\r\n',
    ];
    for (const line of lines) expect(await rawRequest(port, line)).toBe('HTTP/1.1 400 Bad Request');
    expect(await rawRequest(port, 'GET /api/leads/%zz HTTP/1.1\r\nHost: x\r\n\r\n')).toBe('HTTP/1.1 404 Not Found');
    // Not HTTP at all: Node's parser answers 400 itself.
    expect(await rawRequest(port, 'HELLO THERE\r\n\r\n')).toBe('HTTP/1.1 400 Bad Request');
    expect(await rawRequest(port, 'GET / HTTP/1.1\r\nBad Header\r\n\r\n')).toBe('HTTP/1.1 400 Bad Request');
    await healthy();
  });

  it('refuses an unsigned body to /slack/events before reading it, and one larger than Slack sends', async () => {
    // The answer arrives while the client is still sending: nothing was buffered.
    const early = await answerWhileSending(app.url + '/slack/events', {});
    expect(early).toEqual({ status: 401, sentBytes: expect.any(Number) });
    expect(early.sentBytes).toBeLessThan(4 * 1024 * 1024);

    const big = await fetch(app.url + '/slack/events', {
      method: 'POST',
      body: 'x'.repeat(SLACK_BODY_LIMIT + 1),
      headers: { 'x-slack-signature': 'v0=00', 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)) },
    });
    expect(big.status).toBe(413);
    const stale = await fetch(app.url + '/slack/events', {
      method: 'POST',
      body: 'payload=%7B%7D',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-signature': 'v0=00', 'x-slack-request-timestamp': '1000000000' },
    });
    expect(stale.status).toBe(401);
    await healthy();
  });

  it('refuses an intake body with a wrong or missing secret before reading it', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer wrong-secret-0000000000' }, { 'x-handoff-signature': 'v1=00', 'x-handoff-timestamp': '1000000000' }];
    for (const headers of attempts) {
      const early = await answerWhileSending(app.url + '/webhooks/leads', headers);
      expect(early.status).toBe(401);
      expect(early.sentBytes).toBeLessThan(4 * 1024 * 1024);
    }
    await healthy();
  });

  it('still reads a signed intake body in full and checks its signature', async () => {
    const body = JSON.stringify({ id: 'crm-signed-1', email: 'signed@example.com', name: 'Signed Lead', owner: { email: 'rep@yourco.example' } });
    const timestamp = Math.floor(app.clock.now().getTime() / 1000);
    const good = await app.post('/webhooks/leads', body, { authorization: '', 'x-handoff-timestamp': String(timestamp), 'x-handoff-signature': intakeSignature(WEBHOOK_SECRET, timestamp, body) });
    expect(good.status).toBe(202);
    const forged = await app.post('/webhooks/leads', body.replace('Signed', 'Forged'), { authorization: '', 'x-handoff-timestamp': String(timestamp), 'x-handoff-signature': intakeSignature(WEBHOOK_SECRET, timestamp, body) });
    expect(forged.status).toBe(401);
    expect(forged.json.message).toBe('X-Handoff-Signature does not match the body.');
  });
});

/**
 * Streams a 4 MB body in 64 KB chunks, slowly, and resolves with the status of the answer and
 * how much had been sent when it came: a server that reads before authenticating answers only
 * after the whole body.
 */
function answerWhileSending(url: string, headers: Record<string, string>): Promise<{ status: number; sentBytes: number }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...headers } }, (res) => {
      clearTimeout(timer);
      const answered = { status: res.statusCode ?? 0, sentBytes: sent };
      res.resume();
      req.destroy();
      resolve(answered);
    });
    req.on('error', (error) => (sent > 0 ? undefined : reject(error)));
    const pump = () => {
      if (sent >= 4 * 1024 * 1024) return void req.end();
      req.write(chunk);
      sent += chunk.length;
      timer = setTimeout(pump, 20);
    };
    pump();
  });
}
