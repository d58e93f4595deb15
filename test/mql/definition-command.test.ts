import { afterEach, describe, expect, it } from 'vitest';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { writeRules } from './support.ts';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const textOf = (json: any): string => [json.text, ...(json.blocks ?? []).map((b: any) => b.text?.text ?? b.elements?.map((e: any) => e.text).join(' ') ?? '')].join('\n');

describe('/handoff mql', () => {
  it('shows anyone the agreed definition in plain words, overrides included', async () => {
    const path = writeRules(`
min_score: 60
required: [company, title, fields.budget]
stages: [consideration, decision]
exclude_email_domains: [gmail.com, yahoo.com]
require_activity: [downloaded, registered, requested_demo]
campaigns:
  q4-ai-webinar: { min_score: 40, stages: [awareness, consideration] }
`);
    app = await startTestApp({ env: { MQL_RULES: path, HANDOFF_ADMINS: PEOPLE.admin.id } });
    const res = await app.slack.command('/handoff', 'mql', { userId: PEOPLE.stranger.id });
    expect(res.status).toBe(200);
    expect(res.json.response_type).toBe('ephemeral');
    const text = textOf(res.json);
    expect(text).toContain('A lead qualifies when it meets *all* of these:');
    expect(text).toContain('• score 60 or more');
    expect(text).toContain('• has company, title and fields.budget');
    expect(text).toContain('• buying stage is consideration or decision');
    expect(text).toContain('• email is not at gmail.com or yahoo.com (nor their subdomains)');
    expect(text).toContain('• did at least one of: downloaded content, registered or requested a demo');
    expect(text).toContain('• `q4-ai-webinar`: score 40 or more; buying stage is awareness or consideration');
    expect(text).toContain('held');
  });

  it('says every lead qualifies when no definition is set', async () => {
    app = await startTestApp();
    const res = await app.slack.command('/handoff', 'mql', { userId: PEOPLE.rep.id });
    expect(res.json.text).toBe('No lead definition is set (MQL_RULES): every lead qualifies.');
  });
});
