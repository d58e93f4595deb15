import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SlackStandIn, type Fault } from '../../src/standin/slack-standin.ts';
import { PEOPLE } from '../support/harness.ts';
import { startHandoffProcess, type HandoffProcess } from '../support/handoff-process.ts';
import { leadBody } from '../support/lead-bodies.ts';
import { eventually } from '../support/spawn.ts';
import { deliverLead, newStats } from './support/lead-driver.ts';

// The soak's rarest path, made certain: the process dies while Slack is still taking its post
// (the message lands anyway), and the first try after the restart fails before it can look
// for that message. The restarted process sees that the sender holding the claim is gone (same
// machine, dead pid) and takes the row over at once, instead of waiting out the 2-minute lease.

const dir = mkdtempSync(join(tmpdir(), 'handoff-kill-mid-send-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rep = PEOPLE.rep;
const dmChannel = `D${rep.id.slice(1)}`;

function outboxRow(databasePath: string, leadId: string): { status: string; attempts: number } | undefined {
  const db = new SQLite(databasePath, { readonly: true });
  try {
    return db.prepare("select status, attempts from outbox where ref_type = 'lead' and ref_id = ?").get(leadId) as never;
  } finally {
    db.close();
  }
}

describe.concurrent('a lead DM whose post was cut by kill -9 after Slack took it', () => {
  it.each<[string, Fault]>([
    ['answered 429 to the first conversations.open after the restart', { kind: 'rate_limited', retryAfterSec: 1 }],
    ['answered 503 to the first conversations.open after the restart', { kind: 'http_error', status: 503 }],
  ])('is still in the rep\'s DMs exactly once when Slack %s', async (_name, fault) => {
    const standIn = await SlackStandIn.start({ users: Object.values(PEOPLE) });
    const databasePath = join(dir, `${fault.kind}.db`);
    let app: HandoffProcess = await startHandoffProcess({ databasePath, slackApiUrl: standIn.url });
    try {
      const leadId = `kill-mid-send-${fault.kind}`;
      // Slack holds the post for 3 s and then stores it, whoever is still listening.
      standIn.addFault({ method: 'chat.postMessage', fault: { kind: 'delay', ms: 3000 }, times: 1, match: (args) => args.channel === dmChannel });
      const stats = newStats();
      await deliverLead(() => app.url, leadId, leadBody(leadId, { ownerSlackId: rep.id }), stats);
      expect(stats.accepted.has(leadId)).toBe(true);
      await eventually(() => standIn.callsTo('chat.postMessage').some((c) => c.args.channel === dmChannel), { timeoutMs: 20_000, what: 'the DM post to start' });
      await app.kill();
      await standIn.waitFor('chat.postMessage', (c) => c.args.channel === dmChannel, { timeoutMs: 10_000 });
      expect(standIn.messages(dmChannel)).toHaveLength(1);

      standIn.addFault({ method: 'conversations.open', fault, times: 1 });
      app = await startHandoffProcess({ databasePath, slackApiUrl: standIn.url });
      await eventually(() => outboxRow(databasePath, leadId)?.status === 'sent', { timeoutMs: 30_000, intervalMs: 250, what: 'the DM row to be settled well before the 2-minute claim lease lapses' });
      const calls = standIn.calls.filter((c) => c.method !== 'auth.test').map((c) => `${c.method} → ${c.status}${c.fault ? ` (${c.fault})` : ''}`);
      expect(standIn.messages(dmChannel), `Slack calls: ${calls.join(', ')}`).toHaveLength(1);
    } finally {
      await app.stop();
      await standIn.close();
    }
  }, 60_000);
});
