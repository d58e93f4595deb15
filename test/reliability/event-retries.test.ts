import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackSender } from '../../src/standin/slack-sender.ts';
import { SlackStandIn } from '../../src/standin/slack-standin.ts';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { PROCESS_SIGNING_SECRET, startHandoffProcess } from '../support/handoff-process.ts';

const homeOpened = (user: string) => ({ type: 'app_home_opened', user, channel: `D${user.slice(1)}`, tab: 'home' });
const publishesFor = (standIn: SlackStandIn, user: string) => standIn.okCalls('views.publish').filter((c) => c.args.user_id === user).length;

/** Sends a fresh event for another user and waits for its publish: events sent before it have had their turn. */
async function settle(sender: SlackSender, standIn: SlackStandIn, marker: string): Promise<void> {
  const before = publishesFor(standIn, marker);
  await sender.event(homeOpened(marker));
  await standIn.waitFor('views.publish', (c) => c.args.user_id === marker, { count: before + 1, timeoutMs: 10_000 });
}

describe('Slack event retries in one process', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp(); });
  afterAll(async () => { await app?.stop(); });

  it('publishes the Home tab once for an event delivered five times, with and without X-Slack-Retry-Num, some at once', async () => {
    const eventId = 'Ev0RETRY0001';
    const first = await app.slack.event(homeOpened(PEOPLE.rep.id), { eventId });
    expect(first.status).toBe(200);
    const retries = await Promise.all([
      app.slack.event(homeOpened(PEOPLE.rep.id), { eventId, retryNum: 1, retryReason: 'http_timeout' }),
      app.slack.event(homeOpened(PEOPLE.rep.id), { eventId, retryNum: 2, retryReason: 'http_error' }),
      app.slack.event(homeOpened(PEOPLE.rep.id), { eventId, retryNum: 3, retryReason: 'http_timeout' }),
      app.slack.event(homeOpened(PEOPLE.rep.id), { eventId }),
    ]);
    for (const r of retries) expect(r.status).toBe(200);
    await settle(app.slack, app.standIn, PEOPLE.marketer.id);
    expect(publishesFor(app.standIn, PEOPLE.rep.id)).toBe(1);
  });

  it('still publishes once per distinct event_id', async () => {
    const before = publishesFor(app.standIn, PEOPLE.rep2.id);
    await app.slack.event(homeOpened(PEOPLE.rep2.id), { eventId: 'Ev0DISTINCT1' });
    await app.slack.event(homeOpened(PEOPLE.rep2.id), { eventId: 'Ev0DISTINCT2' });
    await app.standIn.waitFor('views.publish', (c) => c.args.user_id === PEOPLE.rep2.id, { count: before + 2 });
    await settle(app.slack, app.standIn, PEOPLE.admin.id);
    expect(publishesFor(app.standIn, PEOPLE.rep2.id)).toBe(before + 2);
  });

  it('publishes once when the retry arrives at the same moment as the original', async () => {
    const eventId = 'Ev0RACE00001';
    const replies = await Promise.all(Array.from({ length: 8 }, (_, n) => app.slack.event(homeOpened(PEOPLE.stranger.id), { eventId, ...(n ? { retryNum: n } : {}) })));
    for (const r of replies) expect(r.status).toBe(200);
    await settle(app.slack, app.standIn, PEOPLE.marketer.id);
    expect(publishesFor(app.standIn, PEOPLE.stranger.id)).toBe(1);
  });
});

describe('Slack event retries across two processes on one database', () => {
  it('publishes once when the original reaches one replica and the retry the other', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-events-'));
    const standIn = await SlackStandIn.start({ users: Object.values(PEOPLE) });
    const databasePath = join(dir, 'handoff.db');
    // One after the other: two first starts on one new file race on the migrations (see two-processes.test.ts).
    const a = await startHandoffProcess({ databasePath, slackApiUrl: standIn.url });
    const b = await startHandoffProcess({ databasePath, slackApiUrl: standIn.url });
    try {
      const toA = new SlackSender({ appUrl: a.url, signingSecret: PROCESS_SIGNING_SECRET, standIn });
      const toB = new SlackSender({ appUrl: b.url, signingSecret: PROCESS_SIGNING_SECRET, standIn });
      const eventId = 'Ev0TWOPROC01';
      const replies = await Promise.all([
        toA.event(homeOpened(PEOPLE.rep.id), { eventId }),
        toB.event(homeOpened(PEOPLE.rep.id), { eventId, retryNum: 1 }),
        toB.event(homeOpened(PEOPLE.rep.id), { eventId, retryNum: 2 }),
        toA.event(homeOpened(PEOPLE.rep.id), { eventId, retryNum: 3 }),
      ]);
      for (const r of replies) expect(r.status).toBe(200);
      await settle(toA, standIn, PEOPLE.marketer.id);
      await settle(toB, standIn, PEOPLE.admin.id);
      expect(publishesFor(standIn, PEOPLE.rep.id)).toBe(1);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await standIn.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
