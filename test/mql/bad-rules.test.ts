import { describe, expect, it } from 'vitest';
import { runCli } from '../support/spawn.ts';
import { writeRules } from './support.ts';

const ENV = {
  SLACK_BOT_TOKEN: 'xoxb-1234-abcd',
  SLACK_SIGNING_SECRET: 'a-signing-secret-value',
  MARKETING_CHANNEL: 'C0MARKET1',
  PORT: '0',
  LOG_LEVEL: 'silent',
};

describe('a bad MQL_RULES file', () => {
  it('stops `handoff start` with one message naming the file and every problem', async () => {
    const path = writeRules('mn_score: 60\nrequired: [compnay]\ncampaigns:\n  q4-ai-webinar: { stages: [] }\n');
    const result = await runCli(['start'], { ...ENV, DATABASE_URL: `sqlite:${path}.db`, MQL_RULES: path });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('Handoff cannot start: the configuration has 3 problems:');
    expect(result.stderr).toContain(`MQL_RULES (${path}): unknown key "mn_score"`);
    expect(result.stderr).toContain(`MQL_RULES (${path}): required[0]: "compnay" is not a lead attribute (did you mean "company"?)`);
    expect(result.stderr).toContain(`MQL_RULES (${path}): campaigns.q4-ai-webinar.stages: must list at least one stage`);
  });

  it('stops the start when the file is not valid JSON', async () => {
    const path = writeRules('{ "min_score": ', 'mql.json');
    const broken = await runCli(['start'], { ...ENV, DATABASE_URL: `sqlite:${path}.db`, MQL_RULES: path });
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toContain(`MQL_RULES (${path}): not valid JSON`);
  });
});
