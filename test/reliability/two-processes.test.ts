import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackStandIn } from '../../src/standin/slack-standin.ts';
import { PEOPLE } from '../support/harness.ts';
import { startHandoffProcess, type HandoffProcess } from '../support/handoff-process.ts';
import { leadId } from '../support/lead-bodies.ts';
import { eventually } from '../support/spawn.ts';
import { leadDmTally, lostAndDuplicated, pendingOutbox } from './support/dm-count.ts';
import { deliverLead, leadBody, makeOwners, newStats, ownerFor, type DriverStats } from './support/lead-driver.ts';

const LEADS = Number(process.env.HANDOFF_TWO_PROCESS_LEADS ?? 1000);
const OWNERS = 100;
const CONCURRENCY = 16;

const dir = mkdtempSync(join(tmpdir(), 'handoff-two-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The error lines a process logged about a locked database, shortened to what they were doing. */
function lockedLines(p: HandoffProcess): string[] {
  const { stdout, stderr } = p.output();
  return `${stdout}\n${stderr}`.split('\n').filter((l) => /database is locked|SQLITE_BUSY/i.test(l)).map((l) => {
    try {
      const j = JSON.parse(l);
      return `${j.msg} (${j.err?.code ?? j.err?.message})`;
    } catch {
      return l.slice(0, 200);
    }
  });
}

describe('two app processes on one SQLite file taking leads at once', () => {
  let intakeMissing = false;
  let stats: DriverStats;
  let lost: string[] = [];
  let duplicated: string[] = [];
  let locked: string[] = [];

  beforeAll(async () => {
    const owners = makeOwners(OWNERS, 'TWO');
    const standIn = await SlackStandIn.start({ users: [...Object.values(PEOPLE), ...owners] });
    const databasePath = join(dir, 'shared.db');
    // One after the other: starting both at once on a new file is its own test below.
    const a = await startHandoffProcess({ databasePath, slackApiUrl: standIn.url });
    const b = await startHandoffProcess({ databasePath, slackApiUrl: standIn.url });
    try {
      const probe = await fetch(`${a.url}/webhooks/leads`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      if (probe.status === 404) {
        intakeMissing = true;
        return;
      }
      stats = newStats();
      const ids = Array.from({ length: LEADS }, (_, n) => leadId('two', n));
      let next = 0;
      // Each lead goes to one process; every tenth to both at once (a CRM retrying through a load balancer).
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
      ({ lost, duplicated } = lostAndDuplicated(leadDmTally(standIn, databasePath, ids), stats.accepted));
      locked = [...lockedLines(a), ...lockedLines(b)];
      console.log(`TWO-PROCESSES ${JSON.stringify({ leads: LEADS, accepted: stats.accepted.size, answers: stats.answers, serverErrors: stats.serverErrors.length, lost: lost.length, duplicated: duplicated.length, lockedInLogs: locked.length })}`);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await standIn.close();
    }
  }, 240_000);

  it('answer every lead with a 2xx: no "database is locked" reaches the CRM', (ctx) => {
    if (intakeMissing) ctx.skip('POST /webhooks/leads has not landed');
    expect(stats.serverErrors, stats.serverErrors.slice(0, 5).join('\n')).toEqual([]);
    expect(stats.refusals, stats.refusals.slice(0, 5).join('\n')).toEqual([]);
    expect(stats.accepted.size).toBe(LEADS);
  });

  it('DM each lead exactly once', (ctx) => {
    if (intakeMissing) ctx.skip('POST /webhooks/leads has not landed');
    expect(lost, `lost: ${lost.slice(0, 10).join(', ')}`).toEqual([]);
    expect(duplicated, `duplicated: ${duplicated.slice(0, 10).join(', ')}`).toEqual([]);
  });

  it('never fail background work (owner lookups, delivery records) on a locked database', (ctx) => {
    if (intakeMissing) ctx.skip('POST /webhooks/leads has not landed');
    const kinds = [...new Set(locked)].map((k) => `${locked.filter((l) => l === k).length}× ${k}`);
    expect(kinds, 'logged in the two processes').toEqual([]);
  });
});

describe('two app processes started at the same moment on a new database file', () => {
  it('both come up healthy (one migrates, the other waits for it), three times over', async () => {
    const standIn = await SlackStandIn.start();
    const failures: string[] = [];
    try {
      // The race is narrow: three fresh files make a lucky pass unlikely.
      for (let round = 0; round < 3; round++) {
        const databasePath = join(dir, `fresh-${round}.db`);
        const started = await Promise.allSettled([
          startHandoffProcess({ databasePath, slackApiUrl: standIn.url }),
          startHandoffProcess({ databasePath, slackApiUrl: standIn.url }),
        ]);
        for (const s of started) {
          if (s.status === 'fulfilled') await s.value.stop();
          else failures.push(/"message":"([^"]*)"/.exec(String(s.reason?.message))?.[1] ?? String(s.reason?.message).split('\n')[0]);
        }
      }
    } finally {
      await standIn.close();
    }
    expect(failures).toEqual([]);
  }, 90_000);
});
