import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps.ts';
import { intakeLeadGroups } from '../../src/domain/leads/intake.ts';
import { createIntakeQueue } from '../../src/domain/leads/intake-queue.ts';
import { parseLead, type LeadInput } from '../../src/domain/leads/intake-schema.ts';
import { PEOPLE, sqliteOf, startTestApp, type TestApp } from '../support/harness.ts';
import { leadBody, outboxRows } from './support.ts';

// Intake requests that arrive together are stored in one transaction (one fsync); these tests
// hold that sharing to the same promises a commit of its own makes.

function lead(overrides: Record<string, unknown> = {}): LeadInput {
  const parsed = parseLead(leadBody({ owner: { slack_user_id: PEOPLE.rep.id }, ...overrides }));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.lead;
}

describe('lead intake requests that arrive together', () => {
  let app: TestApp;
  let deps: Deps;
  beforeAll(async () => {
    app = await startTestApp({ engine: 'sqlite' });
    deps = app.handoff.deps;
  });
  afterAll(async () => { await app.stop(); });
  afterEach(() => { sqliteOf(app).exec('drop trigger if exists refuse_poison'); });

  const stored = (id: string) => Boolean(sqliteOf(app).prepare('select 1 from leads where id = ?').get(id));
  // Makes the transaction fail on one lead, as a full disk or a read-only file would.
  const refuseLead = (id: string) => sqliteOf(app).exec(
    `create trigger refuse_poison before insert on leads when new.id = '${id}' begin select raise(abort, 'refused for the test'); end`,
  );

  it('share one commit, and each request gets the answers for its own leads', async () => {
    const commits: number[] = [];
    const queue = createIntakeQueue(deps, (d, groups) => {
      commits.push(groups.length);
      return intakeLeadGroups(d, groups);
    });
    const a = lead();
    const b1 = lead();
    const b2 = lead();
    const answers = await Promise.all([queue.submit([a]), queue.submit([b1, b2]), queue.submit([lead({ id: a.id })])]);
    expect(commits).toEqual([3]);
    expect(answers.map((o) => o.results)).toEqual([
      [{ id: a.id, status: 'accepted' }],
      [{ id: b1.id, status: 'accepted' }, { id: b2.id, status: 'accepted' }],
      [{ id: a.id, status: 'duplicate' }],
    ]);
    for (const id of [a.id, b1.id, b2.id]) expect(stored(id)).toBe(true);
    expect((await outboxRows(app)).filter((r) => r.dedupe_key === `lead-dm:${a.id}`)).toHaveLength(1);
  });

  it('all fail when their commit fails, and none of their leads is stored', async () => {
    const queue = createIntakeQueue(deps);
    const good = lead();
    const poison = lead();
    const other = lead();
    refuseLead(poison.id);
    const answers = await Promise.allSettled([queue.submit([good]), queue.submit([poison]), queue.submit([other])]);
    expect(answers.map((a) => a.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const id of [good.id, poison.id, other.id]) expect(stored(id)).toBe(false);

    // The queue goes on: the next commit stands on its own.
    expect((await queue.submit([good])).results).toEqual([{ id: good.id, status: 'accepted' }]);
    expect(stored(good.id)).toBe(true);
  });

  it('over HTTP: concurrent resends of one lead are stored once, answered accepted once and duplicate after, with one DM', async () => {
    const body = leadBody({ owner: { slack_user_id: PEOPLE.rep.id } });
    const answers = await Promise.all(Array.from({ length: 12 }, () => app.post('/webhooks/leads', body)));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(202));
    expect(answers.filter((a) => a.json.status === 'accepted')).toHaveLength(1);
    expect(answers.filter((a) => a.json.status === 'duplicate')).toHaveLength(11);
    expect((await outboxRows(app)).filter((r) => r.dedupe_key === `lead-dm:${body.id}`)).toHaveLength(1);
  });

  it('over HTTP: no request whose commit failed gets a 2xx, every 2xx is stored, and the failures are 503s', async () => {
    const bodies = Array.from({ length: 16 }, () => leadBody({ owner: { slack_user_id: PEOPLE.rep.id } }));
    refuseLead(bodies[7].id);
    const answers = await Promise.all(bodies.map((b) => app.post('/webhooks/leads', b)));
    expect(answers[7].status).toBe(503);
    expect(stored(bodies[7].id)).toBe(false);
    answers.forEach((a, i) => {
      if (a.status === 202) expect(stored(bodies[i].id), `${bodies[i].id} got 202`).toBe(true);
      else {
        expect(a.status, a.text).toBe(503);
        expect(stored(bodies[i].id), `${bodies[i].id} got 503`).toBe(false);
      }
    });
  });
});
