import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { loadMqlRules, qualify } from '../../src/domain/mql/rules.ts';

const VARIABLES = [
  'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_API_URL', 'PORT', 'DATABASE_URL', 'HANDOFF_WEBHOOK_SECRET',
  'HANDOFF_API_TOKEN', 'MARKETING_CHANNEL', 'SALES_CHANNEL', 'DIGEST_CHANNELS', 'DIGEST_CRON', 'TZ', 'LEAD_SLA', 'MQL_RULES',
  'HOTLEAD_DEFAULT_DAYS', 'HANDOFF_OUTBOUND_WEBHOOK_URL', 'HANDOFF_OUTBOUND_SECRET', 'MARKETING_USERGROUP', 'SALES_USERGROUP', 'HANDOFF_ADMINS', 'LOG_LEVEL',
] as const;
const SECRETS = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'HANDOFF_WEBHOOK_SECRET', 'HANDOFF_API_TOKEN', 'HANDOFF_OUTBOUND_SECRET'] as const;

// Values near the valid ones find more than pure noise: a channel id one letter off, a cron with 4 fields, "1h" without a stage.
const nearValid = fc.oneof(
  fc.constantFrom('', ' ', 'xoxb-', 'xoxb-1-2', 'xapp-1', 'C0123ABCD', 'c0123abcd', 'S0TEAM', 'U0123,W9', 'U0123,,', '0', '-1', '65536', '3000.5', 'NaN',
    'sqlite:', 'sqlite:/tmp/x.db', 'postgres://x', 'http://127.0.0.1:4000/api/', 'ftp://x', '0 9 * * 1', '0 9 * *', '* * * * * * *', 'UTC', 'Mars/Olympus',
    'decision=1h', 'decision=0h', 'decision=1y', '=1h', 'default=24h,,', 'info', 'LOUD', 'true', 'false', '366', '1e3', '\u0000', '💥'),
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer().map(String),
);
const environment = fc.dictionary(fc.constantFrom(...VARIABLES), fc.option(nearValid, { nil: undefined }), { maxKeys: VARIABLES.length });

function outcome(env: Record<string, string | undefined>, demo = false): 'ok' | ConfigError {
  try {
    loadConfig(env, { demo });
    return 'ok';
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
}

describe('loadConfig over arbitrary environments', () => {
  it('either returns a configuration or throws a ConfigError naming variables, never anything else', () => {
    fc.assert(fc.property(environment, fc.boolean(), (env, demo) => {
      const result = outcome(env, demo);
      if (result === 'ok') return;
      expect(result.problems.length).toBeGreaterThan(0);
      for (const problem of result.problems) expect(problem).toMatch(/^[A-Z_]+: \S/);
    }), { numRuns: 3000 });
  });

  it('never repeats a secret value in its message', () => {
    const secret = fc.string({ minLength: 4, maxLength: 30 }).map((s) => `S3CR3T-${s}`);
    fc.assert(fc.property(environment, fc.constantFrom(...SECRETS), secret, (env, name, value) => {
      const result = outcome({ ...env, [name]: value });
      if (result !== 'ok') expect(result.message).not.toContain(value);
    }), { numRuns: 1000 });
  });

  it('accepts anything that arrives as an unknown variable', () => {
    fc.assert(fc.property(fc.dictionary(fc.string().filter((k) => !(VARIABLES as readonly string[]).includes(k)), fc.string()), (extra) => {
      expect(outcome({ SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_SIGNING_SECRET: 'a-signing-secret', MARKETING_CHANNEL: 'C0123ABCD', ...extra })).toBe('ok');
    }), { numRuns: 500 });
  });
});

describe('the MQL_RULES file over arbitrary contents', () => {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-mql-prop-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const ruleish = fc.oneof(
    fc.json(),
    fc.string(),
    fc.record({
      min_score: fc.oneof(fc.integer(), fc.double(), fc.string()),
      required: fc.oneof(fc.array(fc.string()), fc.string(), fc.integer()),
      stages: fc.oneof(fc.array(fc.string()), fc.constant(null)),
      exclude_email_domains: fc.array(fc.oneof(fc.string(), fc.integer())),
      require_activity: fc.array(fc.string()),
      campaigns: fc.dictionary(fc.string(), fc.oneof(fc.record({ min_score: fc.integer() }), fc.string(), fc.constant(null))),
    }, { requiredKeys: [] }).map((r) => JSON.stringify(r)),
    fc.constantFrom('min_score: 60\nrequired: [company]', 'min_score: [', ': :', '---\n- a\n- b', 'campaigns:\n  x: 3', '\t\tbad: indent', ''),
  );

  it('loads as rules or is refused with a ConfigError; the rules it loads never make qualify throw', () => {
    let n = 0;
    fc.assert(fc.property(ruleish, fc.constantFrom('json', 'yaml', 'yml'), (content, ext) => {
      const path = join(dir, `rules-${n++}.${ext}`);
      writeFileSync(path, content);
      let rules;
      try {
        rules = loadMqlRules(path);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return;
      }
      const verdict = qualify(rules, { email: 'ada@analytical.example', score: 50, stage: 'consideration', campaign: 'x', activities: [{ type: 'downloaded' }], values: { company: 'AE' } });
      expect(typeof verdict.qualified).toBe('boolean');
    }), { numRuns: 500 });
  });
});
