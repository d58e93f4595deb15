import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_DIR } from '../support/spawn.ts';

const readme = readFileSync(join(REPO_DIR, 'README.md'), 'utf8');
const ci = readFileSync(join(REPO_DIR, '.ci/run'), 'utf8');
const pkg = JSON.parse(readFileSync(join(REPO_DIR, 'package.json'), 'utf8'));

/** The commands of the README's quick start, as a newcomer would copy them. */
function quickStartCommands(): string[] {
  const section = readme.split(/^## /m).find((s) => s.startsWith('Quick start'));
  const block = section && /```sh\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('the README has no Quick start code block');
  return block[1].split('\n').map((l) => l.trim()).filter(Boolean);
}

describe('the README quick start', () => {
  it('is two commands: install and run the demo, then the tests', () => {
    expect(quickStartCommands()).toEqual(['npm install && npm run demo', 'npm test']);
  });

  it('names commands that package.json defines', () => {
    expect(pkg.scripts.demo).toContain('demo');
    expect(pkg.scripts.test).toBeTruthy();
    expect(pkg.scripts.start).toContain('start');
  });

  it('is what CI runs: a clean install and the same test command', () => {
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
  });

  it('documents every configuration variable of the contract', () => {
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_API_URL', 'PORT', 'DATABASE_URL', 'HANDOFF_WEBHOOK_SECRET', 'HANDOFF_API_TOKEN', 'MARKETING_CHANNEL', 'SALES_CHANNEL', 'DIGEST_CHANNELS', 'DIGEST_CRON', 'TZ', 'LEAD_SLA', 'MQL_RULES', 'HOTLEAD_DEFAULT_DAYS', 'HANDOFF_OUTBOUND_WEBHOOK_URL', 'MARKETING_USERGROUP', 'SALES_USERGROUP', 'HANDOFF_ADMINS']) {
      expect(readme).toContain(`\`${name}\``);
    }
  });

  it('explains why each runtime dependency is there', () => {
    const section = readme.split(/^## /m).find((s) => s.startsWith('Why each dependency'))!;
    for (const dep of Object.keys(pkg.dependencies)) expect(section).toContain(`\`${dep}\``);
  });
});
