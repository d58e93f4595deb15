import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackSender } from '../../src/standin/slack-sender.ts';
import { SlackStandIn } from '../../src/standin/slack-standin.ts';
import { PROCESS_SIGNING_SECRET, PROCESS_WEBHOOK_SECRET, startHandoffProcess, type HandoffProcess } from '../support/handoff-process.ts';
import { PEOPLE } from '../support/harness.ts';
import { eventually, leadBody } from './support.ts';

// HubSpot's workflows never retry a 4xx: a refused lead is lost unless revops sees it. Every
// refusal is logged (route, answer, the fields it named — never a value or a secret) and counted
// on the admin's Home.

describe('refused intake requests', () => {
  let dir: string;
  let standIn: SlackStandIn;
  let app: HandoffProcess;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'handoff-refused-'));
    standIn = await SlackStandIn.start({ users: Object.values(PEOPLE) });
    app = await startHandoffProcess({ databasePath: join(dir, 'handoff.db'), slackApiUrl: standIn.url, env: { HANDOFF_ADMINS: PEOPLE.admin.id, LOG_LEVEL: 'info' } });
  });
  afterAll(async () => {
    await app.stop();
    await standIn.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (body: string, authorization = `Bearer ${PROCESS_WEBHOOK_SECRET}`) =>
    fetch(`${app.url}/webhooks/leads`, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization } });

  it('logs each refusal without values and counts them on the admin Home', async () => {
    const noId = leadBody({ id: undefined });
    delete noId.id;
    expect((await post(JSON.stringify(noId))).status).toBe(400);
    let deep: Record<string, unknown> = { secret: 'private-value-7731' };
    for (let i = 0; i < 20; i += 1) deep = { deeper: deep };
    expect((await post(JSON.stringify({ ...leadBody(), fields: deep }))).status).toBe(400);
    expect((await post(JSON.stringify(noId))).status).toBe(400);
    expect((await post('{"id": "crm-1",')).status).toBe(400);
    expect((await post(JSON.stringify(leadBody()), 'Bearer a-wrong-secret-000000')).status).toBe(401);

    // The log is written as the answer goes out: wait for the last line to reach stdout.
    const logged = () => app.output().stdout.split('\n').filter((l) => l.includes('"refused a request"')).map((l) => JSON.parse(l));
    const refusals = await eventually(() => (logged().length >= 5 ? logged() : undefined), 5000, 'five refusals in the log');
    expect(refusals.map((r) => [r.level, r.route, r.status, r.problems])).toEqual([
      [40, '/webhooks/leads', 400, ['id']],
      [40, '/webhooks/leads', 400, ['fields']],
      [40, '/webhooks/leads', 400, ['id']],
      [40, '/webhooks/leads', 400, undefined],
      [40, '/webhooks/leads', 401, undefined],
    ]);
    expect(app.output().stdout).not.toContain('private-value-7731');
    expect(app.output().stdout).not.toContain('a-wrong-secret');

    const slack = new SlackSender({ appUrl: app.url, signingSecret: PROCESS_SIGNING_SECRET, standIn });
    await slack.event({ type: 'app_home_opened', user: PEOPLE.admin.id, channel: 'D0HOME', tab: 'home' });
    const [publish] = await standIn.waitFor('views.publish', (c) => c.args.user_id === PEOPLE.admin.id);
    const home = JSON.stringify(publish.args.view);
    expect(home).toContain('*Intake requests refused (24 h):* 5 ⚠️ — 2 invalid_lead: id, 1 invalid_json, 1 invalid_lead: fields, …');
  });
});
