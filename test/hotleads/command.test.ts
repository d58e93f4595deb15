import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOTLEAD_USAGE } from '../../src/views/usage.ts';
import { MARKETING_CHANNEL, PEOPLE, type TestApp } from '../support/harness.ts';
import { seedCampaign } from '../leads/support.ts';
import { hotlead, insertLead, noticesTo, outbox, pauses, timeline, startHotleadApp } from './support.ts';

const { rep, rep2 } = PEOPLE;

describe('/hotlead pauses marketing emails', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startHotleadApp();
    await seedCampaign(app);
    await insertLead(app, { id: 'crm-ada', email: 'Ada@Analytical.example', name: 'Ada Lovelace', company: 'Analytical Engines', campaign_key: 'q4-ai-webinar', owner_slack_id: rep.id });
  });
  afterAll(() => app.stop());

  it('answers help and an empty command with the usage', async () => {
    expect(await hotlead(app, rep.id, '')).toBe(HOTLEAD_USAGE);
    expect(await hotlead(app, rep.id, 'help')).toBe(HOTLEAD_USAGE);
  });

  it('pauses a known lead for the default 30 days, tells marketing with the note and campaign, and records it in the timeline', async () => {
    const reply = await hotlead(app, rep.id, 'ada@analytical.example closing next week, keep the nurture off');
    // The clock is Mon 23 Nov 2026; 30 days covers through Wed 23 Dec.
    expect(reply).toContain('Paused marketing emails to Ada Lovelace (Ada@Analytical.example) through *Wed 23 Dec 2026*');
    expect(reply).toContain(`<#${MARKETING_CHANNEL}> has been told`);
    expect(reply).toContain('the email tool holds their emails through Wed 23 Dec 2026');
    expect(reply).not.toContain('/api/');
    expect(reply).toContain('DM you a day before the pause ends');
    expect(reply).not.toContain('not a known lead');

    const [pause] = await pauses(app);
    expect(pause).toMatchObject({ email_lower: 'ada@analytical.example', status: 'active', paused_by: rep.id, note: 'closing next week, keep the nurture off', paused_until: '2026-12-24T00:00:00.000Z', lead_id: 'crm-ada' });

    const [notice] = await noticesTo(app, MARKETING_CHANNEL);
    expect(notice).toContain(`Pause marketing emails to Ada Lovelace (Ada@Analytical.example) through Wed 23 Dec 2026 — worked by <@${rep.id}>`);
    expect(notice).toContain('Note: closing next week, keep the nurture off');
    expect(notice).toContain('Campaign: Q4 AI Readiness Webinar (`q4-ai-webinar`)');
    expect(notice).toContain('Company: Analytical Engines');

    const events = await timeline(app, 'crm-ada');
    expect(events.map((e) => e.type)).toContain('hot_paused');
    expect(JSON.parse(events.find((e) => e.type === 'hot_paused')!.detail!)).toMatchObject({ paused_until: '2026-12-24T00:00:00.000Z', note: 'closing next week, keep the nurture off' });
  });

  it('extends a pause when asked for a later date, and says so, matching the email in any case', async () => {
    const reply = await hotlead(app, rep2.id, 'ADA@analytical.EXAMPLE until 2027-01-15 budget signed');
    expect(reply).toContain('was already paused through Wed 23 Dec 2026; I *extended* the pause through *Fri 15 Jan 2027*');
    const rows = await pauses(app);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ paused_until: '2027-01-16T00:00:00.000Z', extended_by: rep2.id, paused_by: rep.id, note: 'budget signed' });
    const notices = await noticesTo(app, MARKETING_CHANNEL);
    expect(notices.at(-1)).toContain(`Keep pausing marketing emails to Ada Lovelace (Ada@Analytical.example) through Fri 15 Jan 2027 (was Wed 23 Dec 2026) — extended by <@${rep2.id}> (worked by <@${rep.id}>)`);
    expect((await timeline(app, 'crm-ada')).map((e) => e.type)).toEqual(['hot_paused', 'hot_extended']);
  });

  it('keeps a pause when asked for an earlier or equal date, says so, and changes nothing', async () => {
    const before = (await outbox(app)).length;
    const reply = await hotlead(app, rep.id, 'ada@analytical.example 7d');
    expect(reply).toContain(`is already paused by <@${rep.id}> through *Fri 15 Jan 2027*`);
    expect(reply).toContain('I *kept* that date. Nothing changed.');
    const again = await hotlead(app, rep.id, 'ada@analytical.example until 2027-01-15');
    expect(again).toContain('I *kept* that date');
    expect(await pauses(app)).toHaveLength(1);
    expect((await pauses(app))[0].paused_until).toBe('2027-01-16T00:00:00.000Z');
    expect((await outbox(app)).length).toBe(before);
  });

  it.each([
    ['a bare number of days', 'grace@navy.example 14', 'Mon 7 Dec 2026', '2026-12-08T00:00:00.000Z', undefined],
    ['Nd', 'linus@kernel.example 14d demo on Friday', 'Mon 7 Dec 2026', '2026-12-08T00:00:00.000Z', 'demo on Friday'],
    ['Nw', 'ken@unix.example 2w', 'Mon 7 Dec 2026', '2026-12-08T00:00:00.000Z', undefined],
    ['N days', 'barbara@liskov.example 3 days pricing call', 'Thu 26 Nov 2026', '2026-11-27T00:00:00.000Z', 'pricing call'],
    ['until a date', 'margaret@apollo.example until 2026-12-21 contract review', 'Mon 21 Dec 2026', '2026-12-22T00:00:00.000Z', 'contract review'],
    ['the longest, 365 days', 'dennis@bell.example 365', 'Tue 23 Nov 2027', '2027-11-24T00:00:00.000Z', undefined],
    ['a Slack mailto link', '<mailto:alan@turing.example|alan@turing.example> 1', 'Tue 24 Nov 2026', '2026-11-25T00:00:00.000Z', undefined],
  ])('reads %s', async (_form, text, readable, until, note) => {
    const reply = await hotlead(app, rep.id, text);
    expect(reply).toContain(`through *${readable}*`);
    expect(reply).toContain('is not a known lead: Handoff has never received a lead with this email. The pause works all the same.');
    const email = text.startsWith('<mailto:') ? 'alan@turing.example' : text.split(' ')[0];
    const row = (await pauses(app)).find((p) => p.email_lower === email);
    expect(row).toMatchObject({ paused_until: until, note: note ?? null, lead_id: null });
    expect((await noticesTo(app, MARKETING_CHANNEL)).at(-1)).toContain(`Pause marketing emails to ${email} through ${readable} — worked by <@${rep.id}>`);
  });

  it.each([
    ['not an email', 'ada-at-analytical', '`ada-at-analytical` is not an email address'],
    ['a duration first', '14d ada@analytical.example', '`14d` is not an email address'],
    ['zero days', 'x@y.example 0', 'at least 1 day'],
    ['more than 365 days', 'x@y.example 366', 'longer than 365 days'],
    ['too many weeks', 'x@y.example 53w', 'longer than 365 days'],
    ['an unreadable duration', 'x@y.example 14x', 'I could not read `14x` as a duration'],
    ['a negative duration', 'x@y.example -3', 'I could not read `-3` as a duration'],
    ['a fraction', 'x@y.example 1.5', 'I could not read `1.5` as a duration'],
    ['hours', 'x@y.example 48 hours', 'A pause is counted in whole days, not `hours`'],
    ['a number word it cannot read', 'x@y.example two fortnights', 'I could not read `two fortnights` as a duration'],
    ['a month too far', 'x@y.example 13 months', 'more than 365 days away'],
    ['today', 'x@y.example until 2026-11-23', '2026-11-23 is today'],
    ['a past date', 'x@y.example until 2026-11-01', '2026-11-01 is in the past'],
    ['a date too far', 'x@y.example until 2027-11-24', 'more than 365 days away'],
    ['an impossible date', 'x@y.example until 2026-02-30', '2026-02-30 is not a real calendar date'],
    ['a date it cannot read', 'x@y.example until someday', 'I could not read `someday` as a date'],
    ['until without a date', 'x@y.example until', '`until` needs a date'],
    ['release without an email', 'release', '`release` needs the email'],
    ['release with a bad email', 'release nobody', '`nobody` is not an email address'],
    ['release with extra words', 'release x@y.example now', '`release` takes only the email'],
    ['list with a stray word', 'list mine', '`list` takes nothing, or `all`'],
    ['a note too long', `x@y.example 3 ${'n'.repeat(1001)}`, 'keep it to 1000'],
  ])('refuses %s with the usage and changes nothing', async (_case, text, problem) => {
    const before = { pauses: (await pauses(app)).length, outbox: (await outbox(app)).length };
    const reply = await hotlead(app, rep.id, text);
    expect(reply).toContain(problem);
    expect(reply).toContain('• `/hotlead EMAIL [how long] [note…]`');
    expect((await pauses(app)).length).toBe(before.pauses);
    expect((await outbox(app)).length).toBe(before.outbox);
  });
});

describe('/hotlead in another time zone', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startHotleadApp({ env: { TZ: 'America/New_York', HOTLEAD_DEFAULT_DAYS: '10' } }); });
  afterAll(() => app.stop());

  it('covers whole local days and uses HOTLEAD_DEFAULT_DAYS', async () => {
    // 10:00 UTC is 05:00 in New York on Mon 23 Nov; ten days covers through Thu 3 Dec, New York time.
    const reply = await hotlead(app, rep.id, 'ny@example.com');
    expect(reply).toContain('through *Thu 3 Dec 2026*');
    expect((await pauses(app))[0].paused_until).toBe('2026-12-04T05:00:00.000Z');
  });
});

describe('/hotlead for one email from many people at once', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startHotleadApp(); });
  afterAll(() => app.stop());

  it('ends with one active pause at the latest date asked for', async () => {
    const texts = ['race@customer.example 5', 'race@customer.example 20', 'race@customer.example 10', 'race@customer.example 3', 'race@customer.example 20'];
    const replies = await Promise.all(texts.map((t, i) => hotlead(app, i % 2 ? rep.id : rep2.id, t)));
    expect(replies.filter((r) => r.includes('Paused marketing emails'))).toHaveLength(1);
    const rows = await pauses(app);
    expect(rows).toHaveLength(1);
    expect(rows[0].paused_until).toBe('2026-12-14T00:00:00.000Z');
  });
});
