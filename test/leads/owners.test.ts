import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { leadOwnersJob } from '../../src/jobs/lead-owners.ts';
import { MARKETING_CHANNEL, startTestApp, type TestApp } from '../support/harness.ts';
import { eventually, leadBody, leadRow, readable } from './support.ts';

const NEWHIRE = { id: 'UNEWHIRE1', email: 'newhire@yourco.example', real_name: 'Nia Newhire' };

describe('a lead whose owner Slack does not know (yet)', () => {
  let app: TestApp;
  const clock = new ManualClock('2026-11-23T10:00:00Z');
  beforeAll(async () => { app = await startTestApp({ clock }); });
  afterAll(async () => { await app.stop(); });

  const notices = () => app.standIn.messages(MARKETING_CHANNEL).filter((m) => m.text?.includes(NEWHIRE.email));

  it('is stored, marketing is told once which owner and which lead, and it is delivered once that person exists', async () => {
    const first = leadBody({ owner: { email: NEWHIRE.email } });
    const second = leadBody({ owner: { email: 'NewHire@YourCo.example' }, name: 'Grace Hopper' });
    expect((await app.post('/webhooks/leads', first)).json).toEqual({ id: first.id, status: 'accepted' });
    const [notice] = await eventually(() => (notices().length > 0 ? notices() : undefined), 5000, 'the marketing notice');
    expect(notice.text).toContain(`I can't find anyone in Slack with the email *${NEWHIRE.email}*, the owner of lead *Ada Lovelace (CTO, Analytical Engines)*`);
    expect(notice.text).toContain(first.id);

    expect((await app.post('/webhooks/leads', second)).status).toBe(202);
    await leadOwnersJob.run(app.handoff.deps);
    clock.advance(5 * 60_000);
    await leadOwnersJob.run(app.handoff.deps);
    expect(await leadRow(app, first.id)).toMatchObject({ delivery: 'awaiting_owner', owner_slack_id: null, status: 'new' });
    expect(await leadRow(app, second.id)).toMatchObject({ delivery: 'awaiting_owner' });
    const rows = await app.handoff.deps.db.selectFrom('outbox').select('id').where('dedupe_key', '=', `lead-owner-not-found:${NEWHIRE.email}`).execute();
    expect(rows).toHaveLength(1);
    expect(notices()).toHaveLength(1);

    app.standIn.addUser(NEWHIRE);
    clock.advance(5 * 60_000);
    await leadOwnersJob.run(app.handoff.deps);
    await leadOwnersJob.run(app.handoff.deps);
    const dmChannel = app.standIn.dmChannelFor(NEWHIRE.id);
    const dms = await eventually(() => {
      const found = app.standIn.messages(dmChannel);
      return found.length === 2 ? found : undefined;
    }, 8000, 'both DMs');
    expect(dms.map((m) => readable(m)).join('\n')).toContain('*Ada Lovelace* · CTO at *Analytical Engines*');
    for (const id of [first.id, second.id]) {
      await eventually(async () => (await leadRow(app, id))?.delivery === 'delivered', 5000, `${id} delivered`);
      expect(await leadRow(app, id)).toMatchObject({ owner_slack_id: NEWHIRE.id, dm_channel: dmChannel });
    }
    expect(notices()).toHaveLength(1);
  });

  it('waits and tries again when Slack cannot be asked, without calling the owner unknown', async () => {
    app.standIn.addFault({ method: 'users.lookupByEmail', fault: { kind: 'http_error', status: 503 }, times: 5, match: (a) => a.email === 'flaky@yourco.example' });
    const body = leadBody({ owner: { email: 'flaky@yourco.example' } });
    expect((await app.post('/webhooks/leads', body)).status).toBe(202);
    await eventually(() => app.standIn.callsTo('users.lookupByEmail').some((c) => c.args.email === 'flaky@yourco.example' && c.status === 503), 5000, 'a failed lookup');
    await leadOwnersJob.run(app.handoff.deps);
    expect(await leadRow(app, body.id)).toMatchObject({ delivery: 'awaiting_owner' });
    expect(app.standIn.messages(MARKETING_CHANNEL).filter((m) => m.text?.includes('flaky@'))).toHaveLength(0);

    app.standIn.clearFaults();
    app.standIn.addUser({ id: 'UFLAKY001', email: 'flaky@yourco.example', real_name: 'Flo Flaky' });
    await leadOwnersJob.run(app.handoff.deps);
    await eventually(async () => (await leadRow(app, body.id))?.delivery === 'delivered', 8000, 'the DM to be delivered');
    expect(app.standIn.messages(MARKETING_CHANNEL).filter((m) => m.text?.includes('flaky@'))).toHaveLength(0);
  });
});
