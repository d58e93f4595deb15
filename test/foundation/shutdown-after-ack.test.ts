import { openDatabase } from '../../src/db/connection.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/views/ids.ts';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { leadBody, openHome, readable } from '../leads/support.ts';

let app: TestApp | undefined;
afterEach(async () => { await app?.stop(); app = undefined; });

describe('shutdown after an acked click', () => {
  it('finishes the answer and publishes the Home it changed before the database closes', async () => {
    app = await startTestApp();
    // The rep has the Home tab open, so a change to it is published.
    await openHome(app, PEOPLE.rep.id);
    const body = leadBody({ name: 'Katherine Johnson', owner: { slack_user_id: PEOPLE.rep.id } });
    expect((await app.post('/webhooks/leads', body)).status).toBe(202);
    await app.standIn.waitFor('chat.postMessage', (c) => c.args.channel === PEOPLE.rep.id || String(c.args.text ?? '').includes('Katherine'));
    // The delivered lead refreshes the rep's Home first; that publish is not the one under test.
    await app.standIn.waitFor('views.publish', (c) => c.args.user_id === PEOPLE.rep.id && readable(c.args.view).includes('Waiting for your answer (1)'));
    // Slack is slow to take the Home: the publish is still on its way when shutdown begins.
    app.standIn.addFault({ method: 'views.publish', fault: { kind: 'delay', ms: 400 }, times: 1 });
    const before = app.standIn.okCalls('views.publish').length;

    const click = await app.slack.blockAction({ userId: PEOPLE.rep.id, actionId: ACTIONS.leadAccept, value: body.id });
    expect(click.status).toBe(200);
    await app.stopApp();

    const published = app.standIn.okCalls('views.publish').slice(before).filter((c) => c.args.user_id === PEOPLE.rep.id);
    expect(published).toHaveLength(1);
    expect(readable(published[0].args.view)).toContain('Katherine Johnson');
    expect(readable(published[0].args.view)).toContain('Waiting for your answer (0)');
    const handle = openDatabase(app.databaseUrl);
    const lead = await handle.db.selectFrom('leads').select('status').where('id', '=', body.id).executeTakeFirstOrThrow();
    await handle.close();
    expect(lead.status).toBe('accepted');
  });
});
