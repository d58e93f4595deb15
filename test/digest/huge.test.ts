import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import type { NewLead } from '../../src/db/schema.ts';
import { digestJob } from '../../src/jobs/digest.ts';
import { checkBlocks } from '../../src/standin/block-limits.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { leadRow, seedCampaign, seedLeads } from '../support/content-fixtures.ts';

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];
const words = (count: number, seed: number) => Array.from({ length: count }, (_, i) => WORDS[(i * 7 + seed) % WORDS.length]).join(' ');
const CHANNEL = 'CDIGEST001';

describe('the digest with far more data than fits in one message', () => {
  let app: TestApp;
  let payload: any;
  let texts: string[];

  beforeAll(async () => {
    const clock = new ManualClock('2026-11-23T09:00:00Z');
    app = await startTestApp({ clock, env: { DIGEST_CHANNELS: CHANNEL } });
    const db = app.handoff.deps.db;
    const assetIds: number[] = [];
    for (let c = 0; c < 40; c++) {
      const campaign = await seedCampaign(db, {
        key: `campaign-${c}-${'x'.repeat(50)}`,
        name: `${words(60, c)} <!channel> *${c}*`,
        startsOn: '2026-11-25',
        assets: Array.from({ length: 3 }, (_, a) => ({ title: `${words(300, a + c)} & <b>`, createdAt: '2026-11-20T10:00:00.000Z' })),
      });
      assetIds.push(...campaign.assets.map((a) => a.id));
    }
    const leads: NewLead[] = [];
    for (let i = 0; i < 600; i++) {
      leads.push(leadRow({
        received_at: '2026-11-17T10:00:00.000Z',
        campaign_key: `campaign-${i % 40}-${'x'.repeat(50)}`,
        name: `${words(100, i)} <@U123> ada${i}@analytical.example`,
        company: words(100, i + 3),
        status: i % 3 === 0 ? 'rejected' : 'new',
        reject_reason: i % 3 === 0 ? (i % 9 === 0 ? '<!here>' : ['bad_fit', 'no_budget', 'too_early', 'duplicate', 'other', 'bad_data', 'not_decision_maker'][i % 7]) : null,
        answered_at: i % 3 === 0 ? '2026-11-17T11:00:00.000Z' : null,
      }));
    }
    await seedLeads(db, leads);
    const ratings = assetIds.flatMap((assetId, i) => Array.from({ length: 5 }, (_, u) => ({
      asset_id: assetId, campaign_id: 1, user_id: `UREPX${String(u).padStart(4, '0')}`, lead_id: null,
      verdict: (i % 2 === 0 ? u < 4 : u < 1) ? 'useful' as const : 'not_useful' as const,
      rated_at: '2026-11-20T10:00:00.000Z', comment: `${words(90, i + u)} mail me@there.example`, commented_at: `2026-11-20T10:0${u}:00.000Z`,
      created_at: '2026-11-20T10:00:00.000Z', updated_at: '2026-11-20T10:00:00.000Z',
    })));
    for (let i = 0; i < ratings.length; i += 100) await db.insertInto('content_ratings').values(ratings.slice(i, i + 100)).execute();

    await digestJob(app.handoff.deps).run(app.handoff.deps);
    // The stand-in refuses what Slack would refuse (invalid_blocks, msg_too_long): arriving is the proof.
    await app.standIn.waitFor('chat.postMessage', (c) => c.args.channel === CHANNEL);
    payload = app.standIn.messages(CHANNEL)[0];
    texts = payload.blocks.flatMap((b: any) => [b.text?.text, ...(b.elements ?? []).map((e: any) => e.text?.text ?? e.text)]).filter((t: unknown) => typeof t === 'string');
  });
  afterAll(() => app.stop());

  it('stays within 50 blocks and every Block Kit text limit', () => {
    expect(payload.blocks.length).toBeLessThanOrEqual(50);
    expect(checkBlocks(payload.blocks, 'message')).toBeNull();
    expect(payload.text.length).toBeLessThanOrEqual(3000);
  });

  it('says how much was left out instead of dropping it silently', () => {
    const all = texts.join('\n');
    expect(all).toContain('*Unanswered past SLA: 400*');
    expect(all).toMatch(/_…and \d+ more_/);
    expect(all).toMatch(/Other campaigns \(30\)\s+450\s+0\s+150\s+0\s+0/);
    expect(all).toMatch(/…and \d+ more new pieces: rate them from your lead DMs\./);
  });

  it('never cuts a word in half', () => {
    const cutAfter = texts.flatMap((t) => [...t.matchAll(/([^\s*_(]*)…/g)].map((m) => m[1])).filter((w) => w !== '');
    expect(cutAfter.length).toBeGreaterThan(10);
    expect(cutAfter.filter((w) => !WORDS.includes(w))).toEqual([]);
  });

  it('shows no email and lets no name ping the channel', () => {
    const json = JSON.stringify(payload);
    expect(json).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<!here>');
    expect(json).not.toContain('<@U123>');
    expect(json).not.toContain('<b>');
  });
});
