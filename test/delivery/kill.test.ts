import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { enqueue } from '../../src/delivery/outbox.ts';
import { SlackStandIn } from '../../src/standin/slack-standin.ts';
import { MARKETING_CHANNEL, PEOPLE, SIGNING_SECRET, startTestApp } from '../support/harness.ts';
import { collect, spawnCli } from '../support/spawn.ts';
import { outboxIdsIn, rowIs, until } from './support.ts';

// A real process, really killed: what a crash or an OOM kill leaves behind is a claimed row and
// maybe a message Slack posted without the process ever recording it.
describe('the outbox after a process kill', () => {
  it('survives a SIGKILL in the middle of a send: after the claim lease every row arrives once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-kill-'));
    const databasePath = join(dir, 'handoff.db');
    const standIn = await SlackStandIn.start({ users: Object.values(PEOPLE) });
    const channels = ['C0KILL001', 'C0KILL002', 'C0KILL003'];
    const ids: Array<[string, number]> = [];
    const prepared = openDatabase(databasePath);
    await migrateToLatest(prepared.db);
    for (const channel of [...channels, ...channels]) {
      const { id } = await enqueue(prepared.db, new Date(), { kind: 'slack.post', target: channel, payload: { channel, text: `to ${channel}` } });
      ids.push([channel, id!]);
    }
    await prepared.close();
    // The first post hangs long enough for the kill to land while Slack is still working on it.
    standIn.addFault({ method: 'chat.postMessage', fault: { kind: 'delay', ms: 500 }, times: 1, match: (a) => a.channel === 'C0KILL001' });

    const child = spawnCli(['start'], {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: standIn.url,
      MARKETING_CHANNEL,
      PORT: '0',
      DATABASE_URL: `sqlite:${databasePath}`,
      LOG_LEVEL: 'silent',
    });
    const exited = collect(child, 20_000);
    let second: Awaited<ReturnType<typeof startTestApp>> | undefined;
    try {
      await until('the first post to be in flight', () => standIn.callsTo('chat.postMessage').some((c) => c.args.channel === 'C0KILL001'), 25_000);
      child.kill('SIGKILL');
      expect((await exited).signal).toBe('SIGKILL');
      await until('Slack to finish the post the dead process started', () => standIn.messages('C0KILL001').length === 1);

      // The dead process held its claim for the default two minutes: start five minutes later.
      second = await startTestApp({ databasePath, reuseStandIn: standIn, clock: new ManualClock(new Date(Date.now() + 5 * 60_000)) });
      for (const [, id] of ids) await rowIs(second, id, 'sent', 10_000);
      for (const channel of channels) {
        expect(outboxIdsIn(second, channel)).toEqual(ids.filter(([c]) => c === channel).map(([, id]) => id));
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await second?.stop();
      await standIn.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 40_000);
});
