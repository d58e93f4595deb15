import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { digestJob } from '../../src/jobs/digest.ts';
import { DIGEST_COMMAND_USAGE } from '../../src/views/digest-command.ts';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { leadRow, outboxDrained, seedLeads } from '../support/content-fixtures.ts';

const CHANNELS = ['CDIGEST001', 'CDIGEST002'];

describe('/handoff digest', () => {
  let app: TestApp;
  const clock = new ManualClock('2026-11-25T10:00:00Z');

  beforeAll(async () => {
    app = await startTestApp({ clock, env: { DIGEST_CHANNELS: CHANNELS.join(','), HANDOFF_ADMINS: PEOPLE.admin.id } });
    await seedLeads(app.handoff.deps.db, [leadRow({ received_at: '2026-11-24T10:00:00.000Z', status: 'accepted', answered_at: '2026-11-24T10:30:00.000Z' })]);
  });
  afterAll(() => app.stop());

  const posts = () => app.handoff.deps.db.selectFrom('outbox').select(['target', 'dedupe_key', 'payload']).where('kind', '=', 'slack.post').orderBy('id').execute();

  it('refuses someone who is not an admin, saying why, and posts nothing', async () => {
    const res = await app.slack.command('/handoff', 'digest', { userId: PEOPLE.rep.id });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_type: 'ephemeral' });
    expect(res.json.text).toBe(`Only Handoff admins (<@${PEOPLE.admin.id}>) can post the digest on demand. The weekly digest still goes out on its own.`);
    expect(await posts()).toEqual([]);
    expect(app.standIn.okCalls('chat.postMessage')).toEqual([]);
  });

  it('lets an admin post the last 7 days to every digest channel now', async () => {
    const res = await app.slack.command('/handoff', 'digest', { userId: PEOPLE.admin.id });
    expect(res.json.text).toBe('Posting the digest of the last 7 days to <#CDIGEST001>, <#CDIGEST002> now. This one is extra: the weekly digest still goes out on schedule.');
    const rows = await posts();
    expect(rows.map((r) => r.target)).toEqual(CHANNELS);
    await outboxDrained(app.handoff.deps.db);
    for (const channel of CHANNELS) {
      const [message] = app.standIn.messages(channel);
      expect(message.blocks![0].text.text).toBe('📬 Handoff digest · Wed 18 Nov – Wed 25 Nov');
      expect(message.text).toContain('1 lead handed over · 1 accepted');
    }
  });

  it('posts to the channel it was typed in with `here`, or to one named digest channel', async () => {
    await app.slack.command('/handoff', 'digest here', { userId: PEOPLE.admin.id, channelId: 'CHERE0001' });
    const named = await app.slack.command('/handoff', `digest <#${CHANNELS[1]}|digest-two>`, { userId: PEOPLE.admin.id });
    expect(named.json.text).toContain(`<#${CHANNELS[1]}>`);
    expect((await posts()).slice(-2).map((r) => r.target)).toEqual(['CHERE0001', CHANNELS[1]]);
    await outboxDrained(app.handoff.deps.db);
    expect(app.standIn.messages('CHERE0001')).toHaveLength(1);
  });

  it('never posts the digest to a channel merely named in the command', async () => {
    const before = (await posts()).length;
    const res = await app.slack.command('/handoff', 'digest <#CELSEWHERE1|all-company>', { userId: PEOPLE.admin.id, channelId: 'CHERE0001' });
    expect(res.json.text).toBe(`The digest can only go to a digest channel (${CHANNELS.map((c) => `<#${c}>`).join(', ')}) or the channel you type the command in, not <#CELSEWHERE1>. Run \`/handoff digest here\` in that channel, or add it to DIGEST_CHANNELS.`);
    expect((await posts()).length).toBe(before);
    await outboxDrained(app.handoff.deps.db);
    expect(app.standIn.messages('CELSEWHERE1')).toHaveLength(0);
  });

  it('answers words it does not understand with the usage', async () => {
    const before = (await posts()).length;
    const res = await app.slack.command('/handoff', 'digest to everyone please', { userId: PEOPLE.admin.id });
    expect(res.json.text).toBe(`\`/handoff digest to everyone please\` is not something I understand.\n\n${DIGEST_COMMAND_USAGE}`);
    expect((await posts()).length).toBe(before);
  });

  it('leaves the weekly digest to go out as usual', async () => {
    await digestJob(app.handoff.deps).run(app.handoff.deps);
    const weekly = (await posts()).filter((r) => r.dedupe_key?.startsWith('digest:'));
    expect(weekly.map((r) => r.dedupe_key)).toEqual(CHANNELS.map((c) => `digest:${c}:2026-W48`));
    await outboxDrained(app.handoff.deps.db);
    // Each channel ends with the weekly digest, after the on-demand ones (the second was also named once).
    const onDemand = '📬 Handoff digest · Wed 18 Nov – Wed 25 Nov';
    const weeklyTitle = '📬 Handoff weekly digest · Mon 16 Nov – Mon 23 Nov';
    expect(CHANNELS.map((c) => app.standIn.messages(c).map((m) => m.blocks![0].text.text))).toEqual([
      [onDemand, weeklyTitle],
      [onDemand, onDemand, weeklyTitle],
    ]);
  });
});
