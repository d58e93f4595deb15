import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/clock.ts';
import { SALES_ONLY, LIST_ALL_REFUSED } from '../../src/views/hotlead-replies.ts';
import { MARKETING_CHANNEL, PEOPLE, type TestApp } from '../support/harness.ts';
import { hotlead, insertLead, noticesTo, outbox, pauses, timeline, startHotleadApp } from './support.ts';

const { rep, rep2, admin, stranger, marketer } = PEOPLE;
const SALES_GROUP = 'SSALES0001';

describe('who may pause, list and release', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startHotleadApp({
      env: { HANDOFF_ADMINS: admin.id, SALES_USERGROUP: SALES_GROUP },
      standIn: { usergroups: { [SALES_GROUP]: [rep.id, rep2.id, marketer.id] } },
    });
    await insertLead(app, { id: 'crm-owned-by-rep2', email: 'owned@customer.example', name: 'Olive Owned', owner_slack_id: rep2.id });
  });
  afterAll(() => app.stop());

  it('refuses every /hotlead form to someone outside SALES_USERGROUP and changes nothing', async () => {
    const queued = (await outbox(app)).length;
    for (const text of ['someone@customer.example 14d', 'list', 'release someone@customer.example']) {
      expect(await hotlead(app, stranger.id, text)).toBe(SALES_ONLY);
    }
    expect(await pauses(app)).toHaveLength(0);
    expect(await outbox(app)).toHaveLength(queued);
  });

  it('lets an admin outside the sales group pause', async () => {
    expect(await hotlead(app, admin.id, 'admin-pick@customer.example 5d')).toContain('Paused marketing emails to admin-pick@customer.example through *Sat 28 Nov 2026*');
  });

  it("lists only the caller's active pauses, soonest end first, with their dates", async () => {
    await hotlead(app, rep.id, 'later@customer.example 20d');
    await hotlead(app, rep.id, 'sooner@customer.example 3d call Thursday');
    await hotlead(app, rep2.id, 'not-mine@customer.example 3d');
    const list = await hotlead(app, rep.id, 'list');
    expect(list).toBe([
      '*Your paused leads* (2)',
      '• sooner@customer.example through *Thu 26 Nov 2026* — _call Thursday_',
      '• later@customer.example through *Sun 13 Dec 2026*',
    ].join('\n'));
    expect(await hotlead(app, marketer.id, 'list')).toBe('You have no paused leads. Pause one with `/hotlead EMAIL`.');
  });

  it('lists everyone’s pauses for an admin and refuses `list all` to others', async () => {
    expect(await hotlead(app, rep.id, 'list all')).toBe(LIST_ALL_REFUSED);
    const all = await hotlead(app, admin.id, 'LIST ALL');
    expect(all).toContain('*All paused emails* (4)');
    expect(all).toContain(`• not-mine@customer.example through *Thu 26 Nov 2026* — by <@${rep2.id}>`);
    expect(all).toContain(`• admin-pick@customer.example through *Sat 28 Nov 2026* — by <@${admin.id}>`);
  });

  it('refuses a release by someone who neither paused it, owns the lead, nor is an admin, and says who may', async () => {
    await hotlead(app, rep.id, 'owned@customer.example 10d');
    const reply = await hotlead(app, marketer.id, 'release owned@customer.example');
    expect(reply).toBe(`You can't release Olive Owned (owned@customer.example): only whoever paused it (<@${rep.id}>), the lead's owner (<@${rep2.id}>) or a Handoff admin may. Ask one of them.`);
    expect((await pauses(app)).find((p) => p.email_lower === 'owned@customer.example')?.status).toBe('active');
  });

  it("lets the lead's owner release a pause someone else made, telling marketing and the lead's timeline", async () => {
    const reply = await hotlead(app, rep2.id, 'release OWNED@customer.example');
    expect(reply).toBe(`:white_check_mark: Released the pause on Olive Owned (owned@customer.example): marketing may email them again. <#${MARKETING_CHANNEL}> has been told, and the email is off the suppression list.`);
    const row = (await pauses(app)).find((p) => p.email_lower === 'owned@customer.example');
    expect(row).toMatchObject({ status: 'released', active_email: null, ended_by: rep2.id, end_reason: 'released' });
    expect((await noticesTo(app, MARKETING_CHANNEL)).at(-1)).toBe(`:white_check_mark: Marketing emails to Olive Owned (owned@customer.example) may resume — released by <@${rep2.id}> (worked by <@${rep.id}>)`);
    expect((await timeline(app, 'crm-owned-by-rep2')).map((e) => [e.type, e.actor])).toEqual([['hot_paused', rep.id], ['hot_released', rep2.id]]);
    expect(await hotlead(app, rep2.id, 'release owned@customer.example')).toBe('owned@customer.example is not paused, so there is nothing to release.');
  });

  it('lets whoever paused it and an admin release', async () => {
    expect(await hotlead(app, rep.id, 'release later@customer.example')).toContain('Released the pause on later@customer.example');
    expect(await hotlead(app, admin.id, 'release not-mine@customer.example')).toContain('Released the pause on not-mine@customer.example');
  });

  it('pauses a released email again as a new pause, never two active ones', async () => {
    expect(await hotlead(app, rep.id, 'owned@customer.example 4d')).toContain('Paused marketing emails to Olive Owned');
    const rows = (await pauses(app)).filter((p) => p.email_lower === 'owned@customer.example');
    expect(rows.map((r) => r.status)).toEqual(['released', 'active']);
  });

  it('keeps one active pause per email even when the database is asked for a second', async () => {
    const db = app.handoff.deps.db;
    const existing = (await pauses(app)).find((p) => p.email_lower === 'owned@customer.example' && p.status === 'active')!;
    const { id: _id, ...copy } = existing;
    await expect(db.insertInto('hot_pauses').values(copy).execute()).rejects.toThrow(/UNIQUE constraint|unique constraint/);
  });

  it('answers "try again" when Slack cannot say who is in the sales group, in time for the ack, and changes nothing', async () => {
    const clock = app.clock as ManualClock;
    const before = (await pauses(app)).length;
    for (const fault of [{ kind: 'http_error', status: 503 }, { kind: 'delay', ms: 2_600 }] as const) {
      clock.advance(61_000); // past the cached membership
      app.standIn.addFault({ method: 'usergroups.users.list', fault, times: 1 });
      const started = Date.now();
      expect(await hotlead(app, rep.id, 'slow@customer.example 3d')).toBe('Handoff could not check your permissions with Slack just now. Please try again in a minute.');
      expect(Date.now() - started).toBeLessThan(2_900);
    }
    expect((await pauses(app)).length).toBe(before);
  });
});
