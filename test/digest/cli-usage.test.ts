import { describe, expect, it } from 'vitest';
import { MARKETING_CHANNEL, SIGNING_SECRET } from '../support/harness.ts';
import { runCli } from '../support/spawn.ts';

// Mistakes on the command line, answered before any database or Slack is touched.
describe('handoff digest with the wrong words', () => {
  const env = { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, MARKETING_CHANNEL, DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent' };

  it('explains its usage instead of guessing', async () => {
    // Each run is a fresh process (a few seconds of start-up): run them side by side.
    const [without, bad, nowhere] = await Promise.all([
      runCli(['digest'], env),
      runCli(['digest', '--now', '--channel', '#sales'], env),
      runCli(['digest', '--now'], env),
    ]);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('Usage: handoff digest --now [--channel ID]');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--channel needs a Slack channel ID such as C0123ABCD, not "#sales".');
    expect(nowhere).toMatchObject({ code: 2, stderr: 'No channel to post to: set DIGEST_CHANNELS or pass --channel ID.\n' });
  });
});
