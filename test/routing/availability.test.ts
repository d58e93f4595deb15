import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { repPresenceJob } from '../../src/jobs/rep-presence.ts';
import { eventually, leadBody } from '../leads/support.ts';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';

// Availability as Slack tells it: a rep on :palm_tree: is skipped until the status expires, a rep
// outside working hours in their own time zone is skipped, and a burst of leads asks Slack nothing.

const dir = mkdtempSync(join(tmpdir(), 'handoff-availability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Mon 23 Nov 2026, 10:00 UTC: 11:00 in Paris, 05:00 in New York.
const clock = new ManualClock('2026-11-23T10:00:00Z');
const paris = { id: 'UPARIS001', email: 'paris@yourco.example', real_name: 'Pat Paris', tz: 'Europe/Paris' };
const ny = { id: 'UNEWYORK1', email: 'ny@yourco.example', real_name: 'Nat York', tz: 'America/New_York' };
const beach = { id: 'UBEACH001', email: 'beach@yourco.example', real_name: 'Bea Beach', tz: 'Europe/Paris', status_emoji: ':palm_tree:', status_text: 'Vacationing', status_expiration: Date.parse('2026-11-25T12:00:00Z') / 1000 };

describe('availability from Slack', () => {
  let app: TestApp;
  beforeAll(async () => {
    const routing = join(dir, 'routing.yaml');
    writeFileSync(routing, `working_hours: "Mon-Fri 09:00-18:00"\npools:\n  - name: all\n    reps: [${beach.id}, ${ny.id}, ${paris.id}]\n`);
    app = await startTestApp({ clock, env: { ROUTING: routing }, standIn: { users: [...Object.values(PEOPLE), paris, ny, beach] } });
    await repPresenceJob.run(app.handoff.deps);
  });
  afterAll(async () => { await app.stop(); });

  const unowned = async (name: string) => {
    const body = leadBody({ name });
    delete body.owner;
    expect((await app.post('/webhooks/leads', body)).json.status).toBe('accepted');
    return (await app.handoff.deps.db.selectFrom('leads').select('owner_slack_id').where('id', '=', body.id).executeTakeFirstOrThrow()).owner_slack_id;
  };

  it('skips the rep on :palm_tree: and the one still asleep in New York; a burst of 20 leads asks Slack nothing', async () => {
    const before = app.standIn.calls.length;
    const owners = [];
    for (let i = 0; i < 20; i += 1) owners.push(await unowned(`Burst ${i}`));
    expect(new Set(owners)).toEqual(new Set([paris.id]));
    const slackCalls = app.standIn.calls.slice(before).filter((c) => ['users.info', 'users.profile.get', 'dnd.info'].includes(c.method));
    expect(slackCalls).toEqual([]);
    const routing = String((await app.slack.command('/handoff', 'routing', { userId: PEOPLE.admin.id })).json.text);
    expect(routing).toContain(`⛔ <@${beach.id}> — out of office (“:palm_tree: Vacationing”) until Wed 25 Nov 2026`);
    expect(routing).toContain(`⛔ <@${ny.id}> — outside working hours (Mon 05:00 in America/New_York)`);
    expect(routing).toContain(`✅ <@${paris.id}> — available, 20 unanswered`);
  });

  it('gives leads to the rep back from the beach once the status expired, and to New York once it is working hours there', async () => {
    clock.set('2026-11-25T15:00:00Z'); // Wed: 16:00 in Paris, 10:00 in New York, the status expired at noon
    await repPresenceJob.run(app.handoff.deps);
    const owners = new Set<string | null>();
    for (let i = 0; i < 6; i += 1) owners.add(await unowned(`Later ${i}`));
    // Paris already had 20: the two who were away are furthest behind, so they catch up first.
    expect(owners).toEqual(new Set([beach.id, ny.id]));
    await eventually(() => app.standIn.messages(app.standIn.dmChannelFor(beach.id)).length > 0, 8000, 'a DM to the rep back from the beach');
  });
});

describe('a rep who snoozed notifications', () => {
  it('is skipped while the snooze lasts past the lead\'s SLA, and not when it ends before', async () => {
    const now = new Date('2026-11-23T10:00:00Z');
    const long = { id: 'USNOOZE01', email: 'long@yourco.example', real_name: 'Lon Gnap', tz: 'UTC', snooze_endtime: Math.floor(Date.now() / 1000) + 6 * 3600 };
    const short = { id: 'USNOOZE02', email: 'short@yourco.example', real_name: 'Sho Rtnap', tz: 'UTC', snooze_endtime: Math.floor(Date.now() / 1000) + 10 * 60 };
    const routing = join(dir, 'snooze.yaml');
    writeFileSync(routing, `pools:\n  - name: nappers\n    reps: [${long.id}, ${short.id}]\n`);
    const app = await startTestApp({ clock: new ManualClock(now), env: { ROUTING: routing }, standIn: { users: [...Object.values(PEOPLE), long, short] } });
    try {
      // The stand-in's dnd.info counts from the real time; the snoozes are set from it too.
      (app.clock as ManualClock).set(new Date());
      await repPresenceJob.run(app.handoff.deps);
      const body = leadBody({ name: 'Nap Time', stage: 'decision' }); // SLA 1 h
      delete body.owner;
      await app.post('/webhooks/leads', body);
      expect((await app.handoff.deps.db.selectFrom('leads').select('owner_slack_id').where('id', '=', body.id).executeTakeFirstOrThrow()).owner_slack_id).toBe(short.id);
      const why = (await app.get(`/api/leads/${body.id}`)).json.timeline.find((e: any) => e.type === 'reassigned').detail.why;
      expect(why).toBe(`pool nappers, round robin; skipped <@${long.id}> notifications snoozed past the SLA`);
    } finally {
      await app.stop();
    }
  });
});
