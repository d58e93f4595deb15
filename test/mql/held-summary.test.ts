import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { heldSummaryJob } from '../../src/jobs/held-summary.ts';
import { ACTIONS } from '../../src/views/ids.ts';
import { MARKETING_CHANNEL, startTestApp, type TestApp } from '../support/harness.ts';
import { drained, insertLead, outboxRows } from './support.ts';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

// As the app stores a held lead's qualification: the sentences, and the checks the summary counts by.
const failing = (...checks: [string, Record<string, unknown>][]) =>
  JSON.stringify({ qualified: false, met: [], failed: checks.map(([sentence]) => sentence), checks: checks.map(([, check]) => ({ passed: false, ...check })) });
const scoreBelow = (score: number, bar: number): [string, Record<string, unknown>] => [`score ${score} is below ${bar}`, { rule: 'min_score', actual: score, expected: bar }];
const summaries = async (a: TestApp) => (await outboxRows(a.handoff.deps.db, MARKETING_CHANNEL)).filter((r) => String(r.dedupe_key).startsWith('held-summary:'));
const buttons = (blocks: any[]) => blocks.filter((b) => b.accessory?.action_id === ACTIONS.heldRelease).map((b) => b.accessory.value);

describe('the daily held-leads summary', () => {
  it('tells marketing how many leads were held and for which rules, with a release button per lead', async () => {
    const clock = new ManualClock('2026-11-24T08:00:00Z');
    app = await startTestApp({ clock });
    const db = app.handoff.deps.db;
    await insertLead(db, { id: 'l1', name: 'Ada Lovelace', company: 'Analytical Engines', email: 'ada@gmail.com', received_at: '2026-11-23T10:00:00.000Z', qualification: failing(scoreBelow(45, 60), ['email domain gmail.com is excluded', { rule: 'exclude_email_domains', actual: 'gmail.com', expected: ['gmail.com'] }]) });
    await insertLead(db, { id: 'l2', name: 'Grace Hopper', company: 'Navy', received_at: '2026-11-23T12:00:00.000Z', qualification: failing(scoreBelow(12, 60)) });
    await insertLead(db, { id: 'l3', name: null, email: 'anon@example.org', received_at: '2026-11-23T13:00:00.000Z', qualification: failing(['missing fields.budget', { rule: 'required', actual: ['fields.budget'], expected: ['fields.budget'] }]) });
    // Not in the summary: released already, handed over, or held before the past day.
    await insertLead(db, { id: 'released', received_at: '2026-11-23T11:00:00.000Z', status: 'new', delivery: 'queued' });
    await insertLead(db, { id: 'accepted', received_at: '2026-11-23T11:00:00.000Z', status: 'accepted', delivery: 'delivered' });
    await insertLead(db, { id: 'old', received_at: '2026-11-20T11:00:00.000Z' });

    await heldSummaryJob().run(app.handoff.deps);
    const [summary, ...more] = await summaries(app);
    expect(more).toHaveLength(0);
    expect(summary.dedupe_key).toBe('held-summary:2026-11-24');
    const { text, blocks } = summary.payload;
    expect(text).toBe('Held leads: 3 leads were held since Mon 23 Nov, 08:00.');
    const byRule = blocks[1].text.text as string;
    expect(byRule).toContain('• score below 60 — 2 (e.g. Grace Hopper (Navy), Ada Lovelace (Analytical Engines))');
    expect(byRule).toContain('• email domain gmail.com is excluded — 1 (e.g. Ada Lovelace (Analytical Engines))');
    expect(byRule).toContain('• missing fields.budget — 1 (e.g. anon@example.org)');
    expect(buttons(blocks)).toEqual(['l3', 'l2', 'l1']);
    const ada = blocks.find((b: any) => b.accessory?.value === 'l1');
    expect(ada.text.text).toBe('*Ada Lovelace (Analytical Engines)* · ada@gmail.com\nMissed: score 45 is below 60; email domain gmail.com is excluded');
    expect(ada.accessory.text.text).toBe('Release to owner');
    expect(JSON.stringify(blocks.at(-1))).toContain('1 lead held earlier is still waiting.');

    await drained(app);
    const [posted, ...others] = app.standIn.messages(MARKETING_CHANNEL);
    expect(others).toHaveLength(0);
    expect(posted.text).toBe(text);
    expect(buttons(posted.blocks ?? [])).toEqual(['l3', 'l2', 'l1']);
  });

  it('lists at most ten leads and counts the rest', async () => {
    const clock = new ManualClock('2026-11-24T08:00:00Z');
    app = await startTestApp({ clock });
    for (let i = 0; i < 13; i++) {
      await insertLead(app.handoff.deps.db, { id: `lead-${String(i).padStart(2, '0')}`, received_at: `2026-11-23T1${i % 10}:00:00.000Z` });
    }
    await heldSummaryJob().run(app.handoff.deps);
    const [summary] = await summaries(app);
    expect(buttons(summary.payload.blocks)).toHaveLength(10);
    expect(summary.payload.blocks[1].text.text).toContain('• score below 60 — 13');
    expect(JSON.stringify(summary.payload.blocks.at(-1))).toContain('…and 3 more held leads.');
    expect(summary.payload.blocks.length).toBeLessThanOrEqual(50);
    await drained(app);
    expect(app.standIn.messages(MARKETING_CHANNEL)).toHaveLength(1);
  });

  it('posts once a day, also across a restart, and the next day covers only what is new', async () => {
    const clock = new ManualClock('2026-11-24T08:00:00Z');
    app = await startTestApp({ clock });
    await insertLead(app.handoff.deps.db, { id: 'monday', received_at: '2026-11-23T10:00:00.000Z' });
    await heldSummaryJob().run(app.handoff.deps);
    clock.advance(3 * 3_600_000);
    await heldSummaryJob().run(app.handoff.deps);
    await app.stopApp();
    // The same Slack across the restart: the first app may or may not have sent Monday's summary before it stopped.
    const standIn = app.standIn;
    app = await startTestApp({ clock, databaseUrl: app.databaseUrl, reuseStandIn: standIn });
    await heldSummaryJob().run(app.handoff.deps);
    expect(await summaries(app)).toHaveLength(1);

    await insertLead(app.handoff.deps.db, { id: 'tuesday', received_at: '2026-11-24T12:00:00.000Z' });
    clock.set('2026-11-25T08:00:00Z');
    await heldSummaryJob().run(app.handoff.deps);
    const [, tuesday] = await summaries(app);
    expect(tuesday.dedupe_key).toBe('held-summary:2026-11-25');
    expect(buttons(tuesday.payload.blocks)).toEqual(['tuesday']);
    expect(JSON.stringify(tuesday.payload.blocks)).toContain('1 lead held earlier is still waiting.');
    await drained(app);
    expect(app.standIn.messages(MARKETING_CHANNEL).map((m) => m.text)).toEqual([
      'Held leads: 1 lead was held since Mon 23 Nov, 08:00.',
      'Held leads: 1 lead was held since Tue 24 Nov, 08:00.',
    ]);
  });

  it('posts nothing on a day without held leads', async () => {
    app = await startTestApp({ clock: new ManualClock('2026-11-24T08:00:00Z') });
    await insertLead(app.handoff.deps.db, { id: 'fine', status: 'new', delivery: 'delivered', received_at: '2026-11-23T10:00:00.000Z' });
    await heldSummaryJob().run(app.handoff.deps);
    expect(await summaries(app)).toHaveLength(0);
  });

  it("catches up after downtime at 08:00 but does not post before the day's hour", async () => {
    const clock = new ManualClock('2026-11-24T07:30:00Z');
    app = await startTestApp({ clock, env: { TZ: 'Europe/Paris' } });
    await insertLead(app.handoff.deps.db, { id: 'early', received_at: '2026-11-24T05:00:00.000Z' });
    // 08:30 in Paris: today's slot has passed; the summary is caught up at start.
    await heldSummaryJob().run(app.handoff.deps);
    const [summary] = await summaries(app);
    expect(summary.dedupe_key).toBe('held-summary:2026-11-24');
    clock.set('2026-11-25T06:30:00Z'); // 07:30 in Paris: tomorrow's slot is not due yet
    await insertLead(app.handoff.deps.db, { id: 'later', received_at: '2026-11-24T20:00:00.000Z' });
    await heldSummaryJob().run(app.handoff.deps);
    expect(await summaries(app)).toHaveLength(1);
  });
});
