import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/clock.ts';
import { ConfigError } from '../../src/config.ts';
import { loadRouting } from '../../src/domain/routing/rules.ts';
import { ROUTING_TEXT } from '../../src/views/routing.ts';
import { eventually, leadBody } from '../leads/support.ts';
import { PEOPLE, SALES_CHANNEL, startTestApp, type TestApp } from '../support/harness.ts';

const { rep, rep2, admin } = PEOPLE;

// A lead nobody owns goes to the first pool that fits, and in it to the available rep furthest
// behind their weighted share; a rep who is away or at the pool's cap is skipped.

const dir = mkdtempSync(join(tmpdir(), 'handoff-routing-'));
function routingFile(content: string, name = 'routing.yaml'): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const ROUTING = `
pools:
  - name: emea-inbound
    match: { fields.region: [EMEA, Europe] }
    reps: [${rep.id}, ${rep2.email}]
    weights: { ${rep.id}: 2 }
    max_open_per_rep: 25
  - name: everyone
    reps: [${admin.id}]
    max_open_per_rep: 1
`;

describe('pools for leads nobody owns', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { ROUTING: routingFile(ROUTING) } });
    // The pool names one rep by email: Handoff learns who that is in Slack at start.
    await eventually(async () => (await app.handoff.deps.db.selectFrom('slack_people').select('user_id').where('email', '=', rep2.email).executeTakeFirst())?.user_id === rep2.id, 5000, 'the pool rep by email to be known');
  });
  afterAll(async () => { await app.stop(); });

  const unowned = async (over: Record<string, unknown>) => {
    const body = leadBody(over);
    delete body.owner;
    const res = await app.post('/webhooks/leads', body);
    expect(res.json.status).toBe('accepted');
    return body.id as string;
  };
  const ownerOf = async (id: string) => (await app.handoff.deps.db.selectFrom('leads').select(['owner_slack_id', 'delivery']).where('id', '=', id).executeTakeFirstOrThrow());
  const command = async (userId: string, text: string) => String((await app.slack.command('/handoff', text, { userId })).json.text);

  it('shares 30 leads 2 to 1 by weight, each with its DM and why in the timeline', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i += 1) ids.push(await unowned({ name: `Emea ${i}`, fields: { region: 'emea' } }));
    const owners = await Promise.all(ids.map(ownerOf));
    expect(owners.filter((o) => o.owner_slack_id === rep.id)).toHaveLength(20);
    expect(owners.filter((o) => o.owner_slack_id === rep2.id)).toHaveLength(10);
    expect(owners.every((o) => o.delivery !== 'unassigned')).toBe(true);
    const { json } = await app.get(`/api/leads/${ids[0]}`);
    expect(json.timeline.find((e: any) => e.type === 'reassigned').detail).toEqual({ from: null, to: { slack_user_id: rep.id, email: null }, why: 'pool emea-inbound, round robin' });
    await eventually(() => app.standIn.messages(app.standIn.dmChannelFor(rep2.id)).some((m) => m.text?.includes('Emea 1')), 8000, 'the DM to the second rep');
  });

  it('skips a rep who is away until they are back, saying why', async () => {
    expect(await command(rep.id, 'away until 2026-12-14')).toBe(ROUTING_TEXT.awayUntil('2026-12-14'));
    const id = await unowned({ name: 'While Away', fields: { region: 'Europe' } });
    expect((await ownerOf(id)).owner_slack_id).toBe(rep2.id);
    const why = (await app.get(`/api/leads/${id}`)).json.timeline.find((e: any) => e.type === 'reassigned').detail.why;
    expect(why).toBe(`pool emea-inbound, round robin; skipped <@${rep.id}> away through Mon 14 Dec 2026`);
    const routing = await command(admin.id, 'routing');
    expect(routing).toContain(`⛔ <@${rep.id}> — away through Mon 14 Dec 2026`);
    expect(routing).toContain(`✅ <@${rep2.id}> — available,`);
    expect(await command(rep.id, 'back')).toBe(ROUTING_TEXT.back);
    expect(await command(rep.id, 'back')).toBe(ROUTING_TEXT.notAway);
    expect(await command(rep.id, 'away someday')).toContain('I could not read `someday` as a date or a length.');
  });

  it('goes to the next pool when none fits, and offers the lead to claim when that pool is at its cap', async () => {
    const first = await unowned({ name: 'Elsewhere One', fields: { region: 'APAC' } });
    expect((await ownerOf(first)).owner_slack_id).toBe(admin.id);
    const second = await unowned({ name: 'Elsewhere Two', fields: { region: 'APAC' } });
    expect(await ownerOf(second)).toEqual({ owner_slack_id: null, delivery: 'unassigned' });
    await eventually(() => app.standIn.messages(SALES_CHANNEL).find((m) => m.text?.includes('Elsewhere Two')), 5000, 'the Claim offer');
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a routing file with mistakes', () => {
  it('stops the start with one message naming every problem', () => {
    const path = routingFile('pools:\n  - name: a\n    reps: [nobody]\n    match: { colour: [red] }\n  - name: a\n    reps: [U0REP1]\n    weights: { U0OTHER: 2 }\n', 'bad.yaml');
    let error: unknown;
    try { loadRouting(path); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      `ROUTING (${path}): pools.0.match.colour: must be one of stage, crm_stage, campaign, company, title or fields.NAME`,
      `ROUTING (${path}): pools.0.reps.0: must be a Slack user ID (U…) or an email`,
    ]);
    const dup = routingFile('pools:\n  - name: a\n    reps: [U0REP1]\n  - name: a\n    reps: [U0REP2]\n    weights: { U0OTHER: 2 }\n', 'dup.yaml');
    expect(() => loadRouting(dup)).toThrow(/pools.1.name: "a" is used by another pool[\s\S]*pools.1.weights.U0OTHER: is not one of this pool's reps/);
  });
});

describe('a lead whose owner is away when it arrives', () => {
  let app: TestApp;
  const away = join(dir, 'away-routing.yaml');
  beforeAll(async () => {
    writeFileSync(away, `pools:\n  - name: team\n    reps: [${rep.id}, ${rep2.id}]\n`);
    app = await startTestApp({ env: { ROUTING: away, HANDOFF_ADMINS: admin.id, DIGEST_CHANNELS: 'CDIGEST077' } });
  });
  afterAll(async () => { await app.stop(); });

  it('still reaches the owner, is offered to the next rep of the pool, and is theirs when they claim it first', async () => {
    await app.slack.command('/handoff', 'away until 2026-12-14', { userId: rep.id });
    const body = leadBody({ name: 'Cover Me', owner: { slack_user_id: rep.id } });
    expect((await app.post('/webhooks/leads', body)).json.status).toBe('accepted');
    const ownerDm = await eventually(() => app.standIn.messages(app.standIn.dmChannelFor(rep.id)).find((m) => m.text?.includes('Cover Me')), 8000, "the owner's DM");
    const offer = await eventually(() => app.standIn.messages(app.standIn.dmChannelFor(rep2.id)).find((m) => m.text?.startsWith('🙋')), 8000, 'the offer to the pool');
    expect(offer.text).toBe(`🙋 <@${rep.id}> is away through Mon 14 Dec 2026 and just got a new lead: *Cover Me* (CTO, Analytical Engines). Take it? The first of you to answer it owns it; *Claim* and it is yours, with its DM.`);
    const claim = offer.blocks!.find((b: any) => b.type === 'actions').elements[0];
    // Someone else cannot claim it: it was offered to one rep.
    const before = app.standIn.callsTo('response_url').length;
    await app.slack.blockAction({ userId: admin.id, actionId: claim.action_id, value: claim.value, channelId: offer.channel, messageTs: offer.ts });
    expect(String((await app.standIn.waitFor('response_url', () => true, { count: before + 1 })).at(-1)!.args.text)).toContain('already has this lead');
    await app.slack.blockAction({ userId: rep2.id, actionId: claim.action_id, value: claim.value, channelId: offer.channel, messageTs: offer.ts });
    await eventually(async () => (await app.handoff.deps.db.selectFrom('leads').select('owner_slack_id').where('id', '=', body.id).executeTakeFirst())?.owner_slack_id === rep2.id, 15_000, 'the lead to be theirs');
    await eventually(() => app.standIn.messages(ownerDm.channel).find((m) => m.ts === ownerDm.ts)?.text?.startsWith('↪️'), 15_000, "the owner's DM to say where it went");
    expect(app.standIn.messages(ownerDm.channel).find((m) => m.ts === ownerDm.ts)?.text).toContain('they took it while you are away');
    const why = (await app.get(`/api/leads/${body.id}`)).json.timeline.filter((e: any) => ['offered', 'reassigned', 'claimed'].includes(e.type)).map((e: any) => [e.type, e.detail.why]);
    expect(why).toEqual([
      ['offered', `<@${rep.id}> is away through Mon 14 Dec 2026`],
      ['reassigned', `took it while <@${rep.id}> is away`],
      ['claimed', `took it while <@${rep.id}> is away`],
    ]);

    // The digest tells sales managers who lost leads to whom.
    (app.clock as ManualClock).advance(60_000);
    await app.slack.command('/handoff', 'digest', { userId: admin.id, channelId: 'CDIGEST077' });
    const digest = await eventually(() => app.standIn.messages('CDIGEST077')[0], 5000, 'the digest');
    const text = JSON.stringify(digest.blocks);
    expect(text).toContain('*By rep* (1 claim · 1 reassignment)');
    expect(text).toContain(`<@${rep.id}> · 1 lead · 0 answered within SLA · median – · 1 moved away`);
    expect(text).toContain(`<@${rep2.id}> · 1 lead · 0 answered within SLA · median –`);
  });
});

describe('a lead claimed while its owner’s DM is still on its way', () => {
  it('tells the owner where it went once their DM lands, and keeps the new owner’s DM as the lead’s', async () => {
    const file = join(dir, 'late-dm.yaml');
    writeFileSync(file, `pools:\n  - name: team\n    reps: [${rep.id}, ${rep2.id}]\n`);
    const app = await startTestApp({ env: { ROUTING: file } });
    try {
      await app.slack.command('/handoff', 'away until 2026-12-14', { userId: rep.id });
      // Slack is slow to take the owner's DM: the cover rep claims the lead before it lands.
      const ownerChannel = app.standIn.dmChannelFor(rep.id);
      app.standIn.addFault({ method: 'chat.postMessage', fault: { kind: 'delay', ms: 1500 }, times: 1, match: (a) => a.channel === ownerChannel });
      const body = leadBody({ name: 'Late Dee', owner: { slack_user_id: rep.id } });
      expect((await app.post('/webhooks/leads', body)).status).toBe(202);
      const offer = await eventually(() => app.standIn.messages(app.standIn.dmChannelFor(rep2.id)).find((m) => m.text?.startsWith('🙋')), 8000, 'the offer');
      const claim = offer.blocks!.find((b: any) => b.type === 'actions').elements[0];
      await app.slack.blockAction({ userId: rep2.id, actionId: claim.action_id, value: claim.value, channelId: offer.channel, messageTs: offer.ts });
      await eventually(() => app.standIn.messages(ownerChannel).find((m) => m.text?.includes('Late Dee'))?.text?.startsWith('↪️'), 8000, "the owner's late DM to say where the lead went");
      expect(app.standIn.messages(ownerChannel).find((m) => m.text?.includes('Late Dee'))!.text).toContain('they took it while you are away');
      const newDm = await eventually(() => app.standIn.messages(app.standIn.dmChannelFor(rep2.id)).find((m) => m.text?.startsWith('New lead') && m.text.includes('Late Dee')), 8000, 'the new owner’s DM');
      await eventually(async () => (await app.handoff.deps.db.selectFrom('leads').select(['owner_slack_id', 'dm_ts']).where('id', '=', body.id).executeTakeFirst())?.dm_ts === newDm.ts, 8000, 'the lead to point at the new DM');
    } finally {
      await app.stop();
    }
  });
});

describe('a lead whose owner is not in Slack', () => {
  it('goes to the pool like a lead nobody owns, saying why', async () => {
    const file = join(dir, 'unknown-owner.yaml');
    writeFileSync(file, `pools:\n  - name: catch-all\n    reps: [${rep2.id}]\n`);
    const app = await startTestApp({ env: { ROUTING: file } });
    try {
      const body = leadBody({ name: 'Ghost Owned', owner: { email: 'left.the.company@yourco.example' } });
      expect((await app.post('/webhooks/leads', body)).json.status).toBe('accepted');
      const row = await eventually(async () => {
        const r = await app.handoff.deps.db.selectFrom('leads').selectAll().where('id', '=', body.id).executeTakeFirst();
        return r?.owner_slack_id ? r : undefined;
      }, 5000, 'the lead to go to the pool');
      expect(row.owner_slack_id).toBe(rep2.id);
      const why = (await app.get(`/api/leads/${body.id}`)).json.timeline.find((e: any) => e.type === 'reassigned').detail.why;
      expect(why).toBe('its owner left.the.company@yourco.example is not in Slack; pool catch-all, round robin');
      await eventually(() => app.standIn.messages(app.standIn.dmChannelFor(rep2.id)).some((m) => m.text?.includes('Ghost Owned')), 8000, 'the DM');
    } finally {
      await app.stop();
    }
  });
});
