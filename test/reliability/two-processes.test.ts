import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SlackStandIn } from '../../src/standin/slack-standin.ts';
import { PEOPLE } from '../support/harness.ts';
import { startHandoffProcess } from '../support/handoff-process.ts';
import { leadId } from '../support/lead-bodies.ts';
import { eventually } from '../support/spawn.ts';
import { leadDmTally, lostAndDuplicated, pendingOutbox } from './support/dm-count.ts';
import { deliverLead, leadBody, makeOwners, newStats, ownerFor } from './support/lead-driver.ts';

const LEADS = Number(process.env.HANDOFF_TWO_PROCESS_LEADS ?? 1000);
const OWNERS = 100;
const CONCURRENCY = 16;

const dir = mkdtempSync(join(tmpdir(), 'handoff-two-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('two app processes on one SQLite file', () => {
  it('take leads at the same time without a 5xx, and DM each lead exactly once', async (ctx) => {
    const owners = makeOwners(OWNERS, 'TWO');
    const standIn = await SlackStandIn.start({ users: [...Object.values(PEOPLE), ...owners] });
    const databasePath = join(dir, 'shared.db');
    const [a, b] = await Promise.all([
      startHandoffProcess({ databasePath, slackApiUrl: standIn.url }),
      startHandoffProcess({ databasePath, slackApiUrl: standIn.url }),
    ]);
    try {
      const probe = await fetch(`${a.url}/webhooks/leads`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      if (probe.status === 404) ctx.skip('POST /webhooks/leads has not landed');

      const stats = newStats();
      const ids = Array.from({ length: LEADS }, (_, n) => leadId('two', n));
      let next = 0;
      // Each lead goes to one process; every tenth is sent to both at once (a CRM retrying through a load balancer).
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (next < ids.length) {
          const n = next++;
          const body = leadBody(ids[n], ownerFor(owners, n));
          const targets = n % 10 === 0 ? [a, b] : [n % 2 ? a : b];
          await Promise.all(targets.map((p) => deliverLead(() => p.url, ids[n], body, stats)));
        }
      }));

      await eventually(() => lostAndDuplicated(leadDmTally(standIn, databasePath, ids), stats.accepted).lost.length === 0, {
        timeoutMs: 120_000, intervalMs: 500, what: 'a DM for every lead',
      }).catch(() => undefined);
      // Nothing left to send means nothing can still arrive twice.
      await eventually(() => pendingOutbox(databasePath) === 0, { timeoutMs: 60_000, intervalMs: 250, what: 'the outbox to drain' }).catch(() => undefined);
      const { lost, duplicated } = lostAndDuplicated(leadDmTally(standIn, databasePath, ids), stats.accepted);
      const logs = [a, b].map((p) => `${p.output().stdout}\n${p.output().stderr}`).join('\n');
      const locked = logs.split('\n').filter((l) => /database is locked|SQLITE_BUSY/i.test(l));
      console.log(`TWO-PROCESSES ${JSON.stringify({ leads: LEADS, accepted: stats.accepted.size, answers: stats.answers, serverErrors: stats.serverErrors.length, lockedInLogs: locked.length, lost: lost.length, duplicated: duplicated.length })}`);

      expect(stats.serverErrors, stats.serverErrors.slice(0, 5).join('\n')).toEqual([]);
      expect(stats.refusals, stats.refusals.slice(0, 5).join('\n')).toEqual([]);
      expect(stats.accepted.size).toBe(LEADS);
      expect(lost, `lost: ${lost.slice(0, 10).join(', ')}`).toEqual([]);
      expect(duplicated, `duplicated: ${duplicated.slice(0, 10).join(', ')}`).toEqual([]);
      expect(locked, locked.slice(0, 5).join('\n')).toEqual([]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await standIn.close();
    }
  }, 240_000);
});
