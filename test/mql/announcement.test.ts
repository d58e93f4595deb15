import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ANNOUNCED_KEY } from '../../src/domain/mql/announce.ts';
import { mqlAnnouncementJob } from '../../src/jobs/mql-announcement.ts';
import { SlackStandIn } from '../../src/standin/slack-standin.ts';
import { MARKETING_CHANNEL, PEOPLE, SALES_CHANNEL, startTestApp, type TestApp } from '../support/harness.ts';
import { drained, outboxRows, writeRules } from './support.ts';

const apps: TestApp[] = [];
let standIn: SlackStandIn | undefined;
afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop();
  await standIn?.close();
  standIn = undefined;
});

/** Starts the app on a shared database and stand-in, and runs the start-up announcement as the scheduler would. */
async function start(env: Record<string, string | undefined>, databaseUrl?: string): Promise<TestApp> {
  standIn ??= await SlackStandIn.start({ users: Object.values(PEOPLE) });
  const app = await startTestApp({ env, databaseUrl, reuseStandIn: standIn });
  apps.push(app);
  await mqlAnnouncementJob().run(app.handoff.deps);
  return app;
}

/** What reached each channel in Slack. */
async function delivered(app: TestApp): Promise<Record<string, string[]>> {
  await drained(app);
  const texts = (channel: string) => app.standIn.messages(channel).map((m) => m.text ?? '').filter((t) => t.startsWith('The lead definition'));
  return { marketing: texts(MARKETING_CHANNEL), sales: texts(SALES_CHANNEL) };
}

const notices = async (app: TestApp) =>
  (await outboxRows(app.handoff.deps.db)).filter((r) => String(r.dedupe_key).startsWith('mql-definition:'));

describe('announcing the lead definition', () => {
  it('announces a first definition once to marketing and sales, and not again on restart', async () => {
    const rules = writeRules('min_score: 60\nstages: [decision]\n');
    const first = await start({ MQL_RULES: rules });
    const sent = await notices(first);
    expect(sent.map((n) => n.target).sort()).toEqual([MARKETING_CHANNEL, SALES_CHANNEL].sort());
    for (const n of sent) {
      expect(n.payload.text).toContain('The lead definition is now:');
      expect(n.payload.text).toContain('• score 60 or more');
      expect(n.payload.text).toContain('• buying stage is decision');
    }

    await mqlAnnouncementJob().run(first.handoff.deps);
    await first.stopApp();
    // The same rules written differently are the same definition.
    writeFileSync(rules, '{ "stages": ["Decision"], "min_score": 60 }');
    const again = await start({ MQL_RULES: rules }, first.databaseUrl);
    expect(await notices(again)).toHaveLength(2);
    const slack = await delivered(again);
    expect(slack.marketing).toHaveLength(1);
    expect(slack.sales).toHaveLength(1);
    expect(slack.marketing[0]).toContain('The lead definition is now:');
  });

  it('shows old and new when the file changed between restarts, once', async () => {
    const before = await start({ MQL_RULES: writeRules('min_score: 60\n') });
    await before.stopApp();
    const after = await start({ MQL_RULES: writeRules('min_score: 50\ncampaigns:\n  q4-ai-webinar: { min_score: 40 }\n') }, before.databaseUrl);
    await mqlAnnouncementJob().run(after.handoff.deps);
    const changed = (await notices(after)).slice(2);
    expect(changed.map((n) => n.target).sort()).toEqual([MARKETING_CHANNEL, SALES_CHANNEL].sort());
    const text: string = changed[0].payload.text;
    expect(text).toMatch(/^The lead definition changed\./);
    expect(text.slice(text.indexOf('Before:'), text.indexOf('Now:'))).toContain('• score 60 or more');
    expect(text.slice(text.indexOf('Now:'))).toContain('• score 50 or more');
    expect(text.slice(text.indexOf('Now:'))).toContain('• q4-ai-webinar: score 40 or more');
    const blocks = JSON.stringify(changed[0].payload.blocks);
    expect(blocks).toContain('*Before*');
    expect(blocks).toContain('*Now*');
    const slack = await delivered(after);
    expect(slack.marketing).toEqual([expect.stringContaining('is now'), text]);
    expect(slack.sales).toHaveLength(2);
  });

  it('announces a removed definition, and a revert to an earlier one', async () => {
    const a = writeRules('min_score: 60\n');
    const first = await start({ MQL_RULES: a });
    await first.stopApp();
    const removed = await start({ MQL_RULES: undefined }, first.databaseUrl);
    await removed.stopApp();
    const back = await start({ MQL_RULES: a }, first.databaseUrl);
    const texts = (await notices(back)).filter((n) => n.target === MARKETING_CHANNEL).map((n) => n.payload.text as string);
    expect(texts).toHaveLength(3);
    expect(texts[1]).toContain('Now:\nNo lead definition is set: every lead qualifies.');
    expect(texts[2]).toContain('Now:\nA lead qualifies when it meets all of these:\n• score 60 or more');
  });

  it('says nothing when no definition was ever set', async () => {
    const app = await start({ MQL_RULES: undefined });
    expect(await notices(app)).toHaveLength(0);
    expect(await delivered(app)).toEqual({ marketing: [], sales: [] });
  });

  it('announces once when two replicas start on the same change together', async () => {
    const app = await start({ MQL_RULES: writeRules('min_score: 60\n') });
    const db = app.handoff.deps.db;
    // A second replica that read the state before the first committed: its queue insert is a no-op.
    await db.deleteFrom('app_state').where('key', '=', ANNOUNCED_KEY).execute();
    await Promise.all([mqlAnnouncementJob().run(app.handoff.deps), mqlAnnouncementJob().run(app.handoff.deps)]);
    expect(await notices(app)).toHaveLength(2);
    expect(await delivered(app)).toEqual({ marketing: [expect.any(String)], sales: [expect.any(String)] });
  });
});
