import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import { leadRow, outboxDrained, seedLeads } from '../support/content-fixtures.ts';
import { MARKETING_CHANNEL, SIGNING_SECRET, startTestApp, type TestApp } from '../support/harness.ts';
import { eventually, spawnCli } from '../support/spawn.ts';

const CHANNELS = ['CDIGEST001', 'CDIGEST002'];

describe('two replicas sharing one database', () => {
  let app: TestApp;
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
    await app?.stop();
  });

  it('post the week’s digest once per channel when both start after the scheduled time', async () => {
    // The test app only prepares the database (migrated, one lead) and the Slack stand-in.
    app = await startTestApp();
    await seedLeads(app.handoff.deps.db, [leadRow({ received_at: new Date(Date.now() - 3_600_000).toISOString() })]);
    await app.stopApp();

    const env = {
      SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: app.standIn.url,
      MARKETING_CHANNEL, PORT: '0', DATABASE_URL: app.databaseUrl, LOG_LEVEL: 'info',
      // Every minute: this week's first scheduled time has always passed, so both replicas catch up at start.
      DIGEST_CHANNELS: CHANNELS.join(','), DIGEST_CRON: '* * * * *',
    };
    const logs = [0, 1].map(() => ({ out: '' }));
    for (const log of logs) {
      const child = spawnCli(['start'], env);
      child.stdout?.on('data', (d) => (log.out += d));
      child.stderr?.on('data', (d) => (log.out += d));
      children.push(child);
    }
    const checked = await eventually(
      () => (logs.every((l) => l.out.includes('weekly digest checked')) ? logs.map((l) => l.out) : undefined),
      { timeoutMs: 15_000, what: 'both replicas to run the digest job' },
    );
    const runs = checked.map((out) => out.split('\n').filter((line) => line.includes('weekly digest checked')).map((line) => JSON.parse(line))[0]);
    expect(runs.flatMap((r) => r.queued).sort()).toEqual(CHANNELS);
    expect(runs.flatMap((r) => r.alreadyPosted).sort()).toEqual(CHANNELS);

    const handle = openDatabase(app.databaseUrl);
    try {
      const rows = await handle.db.selectFrom('outbox').select(['target', 'dedupe_key']).where('kind', '=', 'slack.post').execute();
      expect(rows.map((r) => r.target).sort()).toEqual(CHANNELS);
      await outboxDrained(handle.db, 15_000);
    } finally {
      await handle.close();
    }
    expect(CHANNELS.map((c) => app.standIn.messages(c).length)).toEqual([1, 1]);
  }, 20_000);
});
