import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { describeTarget } from '../../src/db/handle.ts';
import { runCli } from '../support/spawn.ts';

const VALID = {
  SLACK_BOT_TOKEN: 'xoxb-1234-abcd',
  SLACK_SIGNING_SECRET: 'a-signing-secret-value',
  MARKETING_CHANNEL: 'C0MARKET1',
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(VALID);
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ engine: 'sqlite', path: './data/handoff.db' });
    expect(config.digestCron).toBe('0 9 * * 1');
    expect(config.timeZone).toBe('UTC');
    expect(config.hotleadDefaultDays).toBe(30);
    expect(config.leadSla.byStage).toEqual({ decision: 3_600_000, consideration: 86_400_000, awareness: 259_200_000 });
    expect(config.leadSla.default).toBe(86_400_000);
    expect(config.slack.socketMode).toBe(false);
    expect(config.digestChannels).toEqual([]);
    expect(config.admins).toEqual([]);
  });

  it('parses every variable of the contract', () => {
    const config = loadConfig({
      ...VALID,
      SLACK_APP_TOKEN: 'xapp-1-abc',
      SLACK_API_URL: 'http://127.0.0.1:4000/api/',
      PORT: '8080',
      DATABASE_URL: 'sqlite:/var/lib/handoff/h.db',
      HANDOFF_WEBHOOK_SECRET: 'webhook-secret-0123456789',
      HANDOFF_API_TOKEN: 'api-token-0123456789abc',
      SALES_CHANNEL: 'C0SALES01',
      DIGEST_CHANNELS: 'C0DIGEST1, C0DIGEST2',
      DIGEST_CRON: '30 8 * * 5',
      TZ: 'Europe/Paris',
      LEAD_SLA: 'decision=30m,default=2d',
      MQL_RULES: './mql.yml',
      HOTLEAD_DEFAULT_DAYS: '14',
      HANDOFF_OUTBOUND_WEBHOOK_URL: 'https://hooks.example.com/handoff',
      HANDOFF_OUTBOUND_SECRET: `whsec_${Buffer.alloc(32, 9).toString('base64')}`,
      MARKETING_USERGROUP: 'S0MARKET1',
      SALES_USERGROUP: 'S0SALES01',
      HANDOFF_ADMINS: 'U0ADMIN01,U0ADMIN02',
    });
    expect(config.slack.socketMode).toBe(true);
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:4000/api/');
    expect(config.port).toBe(8080);
    expect(config.database).toEqual({ engine: 'sqlite', path: '/var/lib/handoff/h.db' });
    expect(config.digestChannels).toEqual(['C0DIGEST1', 'C0DIGEST2']);
    expect(config.timeZone).toBe('Europe/Paris');
    expect(config.leadSla).toEqual({ byStage: { decision: 1_800_000 }, default: 172_800_000 });
    expect(config.hotleadDefaultDays).toBe(14);
    expect(config.admins).toEqual(['U0ADMIN01', 'U0ADMIN02']);
    expect(config.mqlRulesPath).toBe('./mql.yml');
  });

  it('names every wrong variable in one refusal', () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: 'not-a-token',
      SLACK_SIGNING_SECRET: 'a-signing-secret-value',
      PORT: 'eighty',
      DATABASE_URL: 'mysql://db/handoff',
      DIGEST_CHANNELS: 'C0OK00001,#sales',
      TZ: 'Mars/Olympus',
      LEAD_SLA: 'decision=soon',
      HOTLEAD_DEFAULT_DAYS: '400',
      HANDOFF_ADMINS: 'alice',
      SLACK_API_URL: 'not a url',
      DIGEST_CRON: '99 9 * * 1',
    });
    const named = problems.map((p) => p.split(':')[0]);
    expect(named).toEqual(
      expect.arrayContaining(['SLACK_BOT_TOKEN', 'PORT', 'DATABASE_URL', 'DIGEST_CHANNELS', 'TZ', 'LEAD_SLA', 'HOTLEAD_DEFAULT_DAYS', 'HANDOFF_ADMINS', 'SLACK_API_URL', 'DIGEST_CRON']),
    );
  });

  it('takes a PostgreSQL URL for several replicas, with its pool size, and never shows its password', () => {
    const config = loadConfig({ ...VALID, DATABASE_URL: 'postgres://handoff:s3cret@db.internal:5432/handoff', DATABASE_POOL_SIZE: '20' });
    expect(config.database).toEqual({ engine: 'postgres', url: 'postgres://handoff:s3cret@db.internal:5432/handoff', poolSize: 20 });
    expect(describeTarget(config.database)).toBe('postgres://handoff:***@db.internal:5432/handoff');
    expect(loadConfig({ ...VALID, DATABASE_URL: 'postgresql://db.internal/handoff' }).database).toMatchObject({ engine: 'postgres', poolSize: 10 });
    expect(problemsOf({ ...VALID, DATABASE_URL: 'mysql://db/handoff' })).toEqual(['DATABASE_URL: must be sqlite:PATH or postgres://user:password@host:5432/database']);
  });

  it('refuses an outbound webhook without the secret that signs its events', () => {
    const problems = problemsOf({ ...VALID, HANDOFF_OUTBOUND_WEBHOOK_URL: 'https://hooks.example.com/handoff' });
    expect(problems).toEqual(['HANDOFF_OUTBOUND_SECRET: required with HANDOFF_OUTBOUND_WEBHOOK_URL, to sign the events sent there (whsec_$(openssl rand -base64 32))']);
  });

  it('takes one or two Standard Webhooks secrets for events, and refuses anything else', () => {
    const one = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;
    const two = `whsec_${Buffer.alloc(24, 2).toString('base64')}`;
    expect(loadConfig({ ...VALID, HANDOFF_OUTBOUND_SECRET: `${one} ${two}` }).outboundSecrets).toEqual([one, two]);
    const bad = 'must be whsec_ followed by the base64 of 24 to 64 random bytes (`handoff init` makes one: whsec_$(openssl rand -base64 32))';
    expect(problemsOf({ ...VALID, HANDOFF_OUTBOUND_SECRET: 'not-a-whsec-secret-at-all' })).toEqual([`HANDOFF_OUTBOUND_SECRET: ${bad}`]);
    expect(problemsOf({ ...VALID, HANDOFF_OUTBOUND_SECRET: `whsec_${Buffer.alloc(16).toString('base64')}` })).toEqual([`HANDOFF_OUTBOUND_SECRET: ${bad}`]);
    expect(problemsOf({ ...VALID, HANDOFF_OUTBOUND_SECRET: `${one} ${two} ${one}` })).toEqual(['HANDOFF_OUTBOUND_SECRET: must be one secret, or two separated by a space while rotating']);
  });

  it('takes several event URLs, comma-separated, and which events to send, naming any it does not know', () => {
    const secret = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;
    const config = loadConfig({ ...VALID, HANDOFF_OUTBOUND_SECRET: secret, HANDOFF_OUTBOUND_WEBHOOK_URL: 'https://a.example/in, https://b.example/hook?key=1', HANDOFF_OUTBOUND_EVENTS: 'lead.accepted, lead.rejected,content.*' });
    expect(config.outboundWebhookUrls).toEqual(['https://a.example/in', 'https://b.example/hook?key=1']);
    expect(config.outboundEvents).toEqual(['lead.accepted', 'lead.rejected', 'content.rated']);
    expect(loadConfig({ ...VALID, HANDOFF_OUTBOUND_EVENTS: 'lead.*' }).outboundEvents).toHaveLength(15);
    expect(loadConfig(VALID).outboundEvents).toHaveLength(16);
    expect(problemsOf({ ...VALID, HANDOFF_OUTBOUND_EVENTS: 'lead.accepted,lead.acepted,deal.*' })).toEqual([
      expect.stringMatching(/^HANDOFF_OUTBOUND_EVENTS: does not know "lead.acepted", "deal.\*"; the events are lead.received, lead.held, .* content.rated \(lead.\* for all lead events\)$/),
    ]);
    expect(problemsOf({ ...VALID, HANDOFF_OUTBOUND_SECRET: secret, HANDOFF_OUTBOUND_WEBHOOK_URL: 'https://a.example/in,ftp://b.example' })).toEqual(['HANDOFF_OUTBOUND_WEBHOOK_URL: must be http(s) URLs, comma-separated']);
  });

  it('turns a CRM connector on only with all its variables, and reads its status map', () => {
    expect(loadConfig(VALID).hubspot).toBeUndefined();
    expect(loadConfig({ ...VALID, HUBSPOT_TOKEN: 'pat-na1-1234567890', HUBSPOT_STATUS_MAP: 'rejected=BAD_TIMING' }).hubspot).toEqual({
      token: 'pat-na1-1234567890', apiUrl: 'https://api.hubapi.com', statusMap: { accepted: 'IN_PROGRESS', hot: 'IN_PROGRESS', rejected: 'BAD_TIMING' },
    });
    expect(problemsOf({ ...VALID, HUBSPOT_TOKEN: 'pat-na1-1234567890', HUBSPOT_STATUS_MAP: 'won=CONNECTED' })).toEqual([
      'HUBSPOT_STATUS_MAP: "won=CONNECTED" is not answer=hs_lead_status; write e.g. accepted=…,hot=…,rejected=… (answers: accepted, hot, rejected)',
    ]);
    expect(problemsOf({ ...VALID, SALESFORCE_INSTANCE_URL: 'https://yourco.my.salesforce.com' })).toEqual([
      'SALESFORCE_CLIENT_ID: required with SALESFORCE_INSTANCE_URL, for the Salesforce connector',
      'SALESFORCE_CLIENT_SECRET: required with SALESFORCE_INSTANCE_URL, for the Salesforce connector',
    ]);
    const salesforce = loadConfig({ ...VALID, SALESFORCE_INSTANCE_URL: 'https://yourco.my.salesforce.com/', SALESFORCE_CLIENT_ID: 'id', SALESFORCE_CLIENT_SECRET: 'secret', SALESFORCE_STATUS_MAP: 'accepted=Working' }).salesforce;
    expect(salesforce).toMatchObject({ instanceUrl: 'https://yourco.my.salesforce.com', statusMap: { accepted: 'Working', rejected: 'Closed - Not Converted' } });
    expect(problemsOf({ ...VALID, SALESFORCE_ORG_ID: '12345' })).toEqual(['SALESFORCE_ORG_ID: must be a Salesforce organization ID (00D…, 15 or 18 characters)']);
  });

  it('refuses one secret used for two purposes, naming both, never the value', () => {
    const shared = 'the-same-secret-for-everything';
    const problems = problemsOf({ ...VALID, HANDOFF_WEBHOOK_SECRET: shared, HANDOFF_API_TOKEN: shared });
    expect(problems).toEqual(['HANDOFF_API_TOKEN: must differ from HANDOFF_WEBHOOK_SECRET; each secret serves one purpose']);
    const whsec = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;
    expect(problemsOf({ ...VALID, HANDOFF_WEBHOOK_SECRET: whsec, HANDOFF_OUTBOUND_SECRET: whsec })).toEqual(['HANDOFF_OUTBOUND_SECRET: must differ from HANDOFF_WEBHOOK_SECRET; each secret serves one purpose']);
  });

  it('requires the bot token, the signing secret in HTTP mode and the marketing channel outside the demo', () => {
    const problems = problemsOf({});
    expect(problems.map((p) => p.split(':')[0])).toEqual(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'MARKETING_CHANNEL']);
    expect(() => loadConfig({}, { demo: true })).not.toThrow();
  });

  it('does not need a signing secret in Socket Mode', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', MARKETING_CHANNEL: 'C0MARKET1' });
    expect(config.slack.socketMode).toBe(true);
  });

  it('treats an empty variable as unset', () => {
    const config = loadConfig({ ...VALID, SALES_CHANNEL: '', PORT: '' , HANDOFF_ADMINS: '' });
    expect(config.salesChannel).toBeUndefined();
    expect(config.port).toBe(3000);
    expect(config.admins).toEqual([]);
  });
});

describe('handoff start with bad configuration', () => {
  it('exits non-zero with one message listing every problem and no secret', async () => {
    const secret = 'sup3r-s3cret-value-that-must-not-leak';
    const result = await runCli(['start'], {
      SLACK_BOT_TOKEN: `xoxp-${secret}`,
      SLACK_SIGNING_SECRET: secret,
      HANDOFF_WEBHOOK_SECRET: 'short',
      PORT: '99999',
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('Handoff cannot start');
    for (const name of ['SLACK_BOT_TOKEN', 'HANDOFF_WEBHOOK_SECRET', 'PORT', 'MARKETING_CHANNEL']) {
      expect(result.stderr).toContain(name);
    }
    expect(result.stderr + result.stdout).not.toContain(secret);
    expect(result.stderr + result.stdout).not.toContain('short');
  });
});
