import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadRow, seedLeads } from '../support/content-fixtures.ts';
import { MARKETING_CHANNEL, SIGNING_SECRET, startTestApp, type TestApp } from '../support/harness.ts';
import { runCli } from '../support/spawn.ts';

describe('handoff digest --now', () => {
  let app: TestApp;
  let env: Record<string, string>;

  beforeAll(async () => {
    // The test app prepares a migrated database with a lead, and the Slack stand-in; then it stops.
    app = await startTestApp();
    await seedLeads(app.handoff.deps.db, [leadRow({ received_at: new Date(Date.now() - 86_400_000).toISOString(), name: 'Ada Lovelace', company: 'Analytical Engines' })]);
    await app.stopApp();
    env = {
      SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: app.standIn.url,
      MARKETING_CHANNEL, DATABASE_URL: app.databaseUrl, LOG_LEVEL: 'silent',
    };
  });
  afterAll(() => app.stop());

  it('posts the digest to the channel given and exits once Slack has it', async () => {
    const result = await runCli(['digest', '--now', '--channel', 'CCLI00001'], env);
    expect(result.stderr).toBe('');
    expect(result).toMatchObject({ code: 0, stdout: 'Posted the digest to CCLI00001.\n' });
    const [message] = app.standIn.messages('CCLI00001');
    expect(message.blocks![0].text.text).toMatch(/^📬 Handoff digest · /);
    expect(message.text).toContain('1 lead handed over');
  });

  it('posts to every DIGEST_CHANNELS channel when no channel is given, and says why when Slack refuses one', async () => {
    const [result, refused] = await Promise.all([
      runCli(['digest', '--now'], { ...env, DIGEST_CHANNELS: 'CCLI00002,CCLI00003' }),
      runCli(['digest', '--now', '--channel', 'CNOTFOUND1'], env),
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Could not post the digest to CNOTFOUND1: ');
    expect(refused.stderr).toContain('channel_not_found');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Posted the digest to CCLI00002.\nPosted the digest to CCLI00003.\n');
    expect(app.standIn.messages('CCLI00002')).toHaveLength(1);
    expect(app.standIn.messages('CCLI00003')).toHaveLength(1);
  });
});
