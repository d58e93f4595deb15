import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OutboxRow } from '../../src/db/schema.ts';
import type { StoredMessage } from '../../src/standin/slack-standin.ts';
import { standardSignatureOk, startTestApp, TEST_OUTBOX, type TestApp, type TestAppOptions } from '../support/harness.ts';
import { waitFor } from '../support/wait.ts';

/** The real app, with the outbox's one-post-per-second channel pace shortened so notice-heavy tests stay fast. */
export function startHotleadApp(options: TestAppOptions = {}): Promise<TestApp> {
  return startTestApp({ outbox: { ...TEST_OUTBOX, perChannelIntervalMs: 20 }, ...options });
}

/** Hands a lead to Handoff through the lead intake, as a CRM would, and waits until it is stored. */
export async function insertLead(
  app: TestApp,
  lead: { id: string; email: string; name?: string; company?: string; campaign_key?: string; owner_slack_id: string },
): Promise<void> {
  const res = await app.post('/webhooks/leads', {
    id: lead.id,
    email: lead.email,
    owner: { slack_user_id: lead.owner_slack_id },
    ...(lead.name ? { name: lead.name } : {}),
    ...(lead.company ? { company: lead.company } : {}),
    ...(lead.campaign_key ? { campaign: lead.campaign_key } : {}),
  });
  if (res.status !== 202) throw new Error(`lead intake answered ${res.status}: ${res.text}`);
}

export async function outbox(app: TestApp): Promise<(OutboxRow & { body: any })[]> {
  const rows = await app.handoff.deps.db.selectFrom('outbox').selectAll().orderBy('id').execute();
  return rows.map((r) => ({ ...r, body: JSON.parse(r.payload) }));
}

export async function pauses(app: TestApp) {
  return app.handoff.deps.db.selectFrom('hot_pauses').selectAll().orderBy('id').execute();
}

/** The pause entries (hot_paused, hot_extended, hot_released, hot_expired) in a lead's timeline. */
export async function timeline(app: TestApp, leadId: string) {
  const events = await app.handoff.deps.db.selectFrom('lead_events').selectAll().where('lead_id', '=', leadId).orderBy('id').execute();
  return events.filter((e) => e.type.startsWith('hot_'));
}

/** Runs `/hotlead TEXT` as a user and returns the ephemeral answer's text. */
export async function hotlead(app: TestApp, userId: string, text: string): Promise<string> {
  const res = await app.slack.command('/hotlead', text, { userId });
  if (res.status !== 200) throw new Error(`/hotlead answered HTTP ${res.status}: ${res.text}`);
  if (res.json?.response_type !== 'ephemeral') throw new Error(`/hotlead did not answer ephemerally: ${res.text}`);
  return String(res.json.text);
}

/** Polls until `check` returns a value (not undefined/false), or fails after the timeout. */
export function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  return waitFor(check, what, { timeoutMs }) as Promise<T>;
}

export interface ReceivedRequest {
  headers: IncomingMessage['headers'];
  raw: string;
  json: any;
  status: number;
  /** The Standard Webhooks signature matches HANDOFF_OUTBOUND_SECRET. */
  signatureOk: boolean;
}


/** A local webhook receiver; `failFirst` requests are answered 500 before it starts accepting. */
export async function startReceiver(opts: { failFirst?: number } = {}): Promise<{ url: string; requests: ReceivedRequest[]; accepted: () => ReceivedRequest[]; close(): Promise<void> }> {
  const requests: ReceivedRequest[] = [];
  let failures = opts.failFirst ?? 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let json: any;
      try { json = JSON.parse(raw); } catch { json = undefined; }
      const status = failures > 0 ? 500 : 200;
      if (failures > 0) failures -= 1;
      requests.push({ headers: req.headers, raw, json, status, signatureOk: standardSignatureOk(req.headers, raw) });
      res.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{"ok":true}' : '{"ok":false}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/handoff-events`,
    requests,
    accepted: () => requests.filter((r) => r.status === 200),
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Waits until the outbox has sent (or given up on) everything queued so far. */
export async function delivered(app: TestApp): Promise<void> {
  await eventually(async () => (await outbox(app)).every((r) => r.status !== 'pending'), 'the outbox to send everything queued');
}

/** What reached a Slack channel (or a user's DM, by user id), oldest first, once the outbox is drained. */
export async function messagesIn(app: TestApp, channelOrUser: string): Promise<StoredMessage[]> {
  await delivered(app);
  const channel = /^[UW]/.test(channelOrUser) ? app.standIn.dmChannelFor(channelOrUser) : channelOrUser;
  return app.standIn.messages(channel);
}

/** Texts of the messages that reached a channel, oldest first. */
export async function noticesTo(app: TestApp, channel: string): Promise<string[]> {
  return (await messagesIn(app, channel)).map((m) => String(m.text));
}
