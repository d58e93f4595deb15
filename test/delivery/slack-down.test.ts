import { describe, expect, it } from 'vitest';
import { SlackStandIn } from '../../src/standin/slack-standin.ts';
import { PEOPLE, startTestApp } from '../support/harness.ts';
import { post, row, rowIs, until } from './support.ts';

describe('the outbox while Slack cannot be reached', () => {
  it('keeps the message while the connection is refused and delivers it once Slack answers again', async () => {
    const before = await SlackStandIn.start({ users: Object.values(PEOPLE) });
    const port = Number(new URL(before.url).port);
    const app = await startTestApp({ reuseStandIn: before });
    let after: SlackStandIn | undefined;
    try {
      await before.close();
      const id = await post(app, PEOPLE.rep.id, 'waiting for Slack');
      const waiting = await until('a few refused attempts', async () => {
        const r = await row(app, id);
        return r.attempts >= 3 ? r : undefined;
      });
      expect(waiting.status).toBe('pending');
      expect(waiting.last_error).toMatch(/ECONNREFUSED/);
      // A refused connection never reached Slack: nothing to look for in the history later.
      expect(waiting.uncertain_at).toBeNull();

      after = await SlackStandIn.start({ port, users: Object.values(PEOPLE) });
      await rowIs(app, id, 'sent');
      expect(after.messages(after.dmChannelFor(PEOPLE.rep.id)).map((m) => m.text)).toEqual(['waiting for Slack']);
      expect(after.callsTo('conversations.history')).toEqual([]);
    } finally {
      await app.stop();
      await after?.close();
    }
  });
});
