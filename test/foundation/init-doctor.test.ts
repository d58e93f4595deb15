import dotenv from 'dotenv';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { HubSpotStandIn } from '../../src/standin/hubspot-standin.ts';
import { SalesforceStandIn } from '../../src/standin/salesforce-standin.ts';
import { SlackStandIn } from '../../src/standin/slack-standin.ts';
import { runCli } from '../support/spawn.ts';
import { PEOPLE } from '../support/harness.ts';

// The installer's first hour: `handoff init` writes a .env with real secrets, and `handoff doctor`
// says, line by line, what is ready and what is not, before anyone waits for a lead.

describe('handoff init', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'handoff-init-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a private .env with fresh secrets and every variable to fill, and never writes over one', async () => {
    const first = await runCli(['init'], {}, { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Wrote');
    const path = join(dir, '.env');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const text = readFileSync(path, 'utf8');
    const env = dotenv.parse(text);
    expect(env.HANDOFF_WEBHOOK_SECRET).toMatch(/^[0-9a-f]{48}$/);
    expect(env.HANDOFF_API_TOKEN).toMatch(/^[0-9a-f]{48}$/);
    expect(env.HANDOFF_API_TOKEN).not.toBe(env.HANDOFF_WEBHOOK_SECRET);
    expect(text).not.toContain('$(');
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'MARKETING_CHANNEL', 'SALES_CHANNEL', 'DIGEST_CHANNELS', 'TZ', 'HANDOFF_ADMINS']) expect(text).toContain(`\n${name}=`);
    // Filled in, it is a configuration Handoff starts with.
    expect(() => loadConfig({ ...env, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'sign-secret-1', MARKETING_CHANNEL: 'CMKT00001' })).not.toThrow();

    writeFileSync(path, 'MINE=1\n');
    const second = await runCli(['init'], {}, { cwd: dir });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('exists already; Handoff never writes over it');
    expect(readFileSync(path, 'utf8')).toBe('MINE=1\n');
  });

  it('refuses a secret that is still a shell command, as a .env copied from a shell example would hold', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', MARKETING_CHANNEL: 'CMKT00001', HANDOFF_WEBHOOK_SECRET: '$(openssl rand -hex 24)' }))
      .toThrow('HANDOFF_WEBHOOK_SECRET: holds a shell command (`$(…)`), which a .env file does not run; paste the value the command prints, or run `handoff init` for fresh secrets');
  });
});

describe('handoff doctor', () => {
  let slack: SlackStandIn;
  let hubspot: HubSpotStandIn;
  let dir: string;
  const base = () => ({
    SLACK_BOT_TOKEN: 'xoxb-doctor', SLACK_SIGNING_SECRET: 'doctor-signing-secret', SLACK_API_URL: slack.url,
    DATABASE_URL: `sqlite:${join(dir, 'handoff.db')}`, MARKETING_CHANNEL: 'CMKT00001', HANDOFF_WEBHOOK_SECRET: 'doctor-webhook-secret-1',
    HANDOFF_API_TOKEN: 'doctor-api-token-1', HANDOFF_ADMINS: PEOPLE.admin.id, DIGEST_CHANNELS: 'CDIGEST01',
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'handoff-doctor-'));
    slack = await SlackStandIn.start({
      users: Object.values(PEOPLE),
      channels: { CMKT00001: { name: 'marketing', member: true }, CDIGEST01: { name: 'sales-marketing', member: true }, CSALES001: { name: 'sales', member: false } },
    });
    hubspot = await HubSpotStandIn.start({ token: 'pat-na1-doctor', owners: [{ id: '1', email: PEOPLE.rep.email }] });
  });
  afterAll(async () => {
    await slack.close();
    await hubspot.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes, line by line, when everything is ready, and says what is left off', async () => {
    const res = await runCli(['doctor'], { ...base(), HUBSPOT_TOKEN: 'pat-na1-doctor', HUBSPOT_API_URL: hubspot.url });
    expect(res.stdout.split('\n').filter((l) => l.startsWith('✓'))).toEqual([
      `✓ Database: ${join(dir, 'handoff.db')} answers`,
      '✓ Slack token: works in Handoff Demo as @handoff',
      '✓ Slack scopes: all the manifest asks for',
      '✓ MARKETING_CHANNEL: the bot is in #marketing (CMKT00001)',
      '✓ DIGEST_CHANNELS: the bot is in #sales-marketing (CDIGEST01)',
      `✓ HANDOFF_ADMINS: ${PEOPLE.admin.id} is ${PEOPLE.admin.real_name}`,
      '✓ HubSpot: the private app token works and may read owners',
    ]);
    expect(res.stdout).toContain('· SALES_CHANNEL is unset: leads past their SLA are only logged');
    expect(res.stdout).toContain('Everything checked is ready.');
    expect(res.code).toBe(0);
  });

  it('fails naming the channel the bot is not in, a wrong HubSpot token and a receiver that does not answer', async () => {
    const res = await runCli(['doctor'], {
      ...base(), SALES_CHANNEL: 'CSALES001', HUBSPOT_TOKEN: 'pat-na1-wrong-token', HUBSPOT_API_URL: hubspot.url,
      HANDOFF_OUTBOUND_WEBHOOK_URL: 'http://127.0.0.1:9/events?key=secret', HANDOFF_OUTBOUND_SECRET: `whsec_${Buffer.alloc(32, 5).toString('base64')}`,
    });
    expect(res.code).toBe(1);
    const failed = res.stdout.split('\n').filter((l) => l.startsWith('✗'));
    expect(failed).toEqual([
      '✗ SALES_CHANNEL: the bot is not in #sales (CSALES001); type /invite @Handoff in that channel',
      '✗ Lead events: http://127.0.0.1:9/events does not answer; events to it wait until it does',
      expect.stringMatching(/^✗ HubSpot: 401 INVALID_AUTHENTICATION .*check HUBSPOT_TOKEN/),
    ]);
    expect(res.stdout).toContain('3 checks failed; fix them and run doctor again.');
    expect(res.stdout).not.toContain('key=secret');
  });

  it('fails naming a PostgreSQL database it cannot reach, without its password', async () => {
    const res = await runCli(['doctor'], { ...base(), DATABASE_URL: 'postgres://handoff:s3cret@127.0.0.1:9/handoff' });
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/^✗ Database: postgres:\/\/handoff:\*\*\*@127\.0\.0\.1:9\/handoff cannot be reached \(.*ECONNREFUSED.*\)$/m);
    expect(res.stdout).not.toContain('s3cret');
  });

  it('fails on missing Slack scopes and on Salesforce credentials the org refuses', async () => {
    const narrow = await SlackStandIn.start({ users: Object.values(PEOPLE), scopes: ['chat:write', 'commands'] });
    const salesforce = await SalesforceStandIn.start({ clientId: 'right-id', clientSecret: 'right-secret' });
    try {
      const res = await runCli(['doctor'], {
        ...base(), SLACK_API_URL: narrow.url, DIGEST_CHANNELS: '',
        SALESFORCE_INSTANCE_URL: salesforce.url, SALESFORCE_CLIENT_ID: 'right-id', SALESFORCE_CLIENT_SECRET: 'wrong-secret',
      });
      expect(res.code).toBe(1);
      expect(res.stdout).toContain('✗ Slack scopes: missing im:write, im:history, users:read, users:read.email, usergroups:read, channels:history, groups:history; add them under OAuth & Permissions and reinstall the app');
      expect(res.stdout).toContain('✗ Salesforce: Salesforce token http_400 invalid_client: invalid client credentials; check SALESFORCE_CLIENT_ID/SECRET');
    } finally {
      await narrow.close();
      await salesforce.close();
    }
  });
});
