import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAMPAIGN_BRIEF_BLOCKS as B } from '../../src/views/ids.ts';
import { openFormByCommand, submitForm } from '../campaigns/support.ts';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';

// A brief saved through the API may hold a `|` in an asset's title, URL or kind: the edit form
// writes it so that saving the form again changes nothing (same assets, same ids, same ratings).

describe('a brief whose assets contain "|"', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp({ env: { HANDOFF_ADMINS: PEOPLE.admin.id } }); });
  afterAll(async () => { await app.stop(); });

  it('saves back from the edit form unchanged', async () => {
    const assets = [
      { title: 'Compare | Contrast', url: 'https://example.com/c?x=1|2', kind: 'one-pager | pdf' },
      { title: 'Back\\slash \\| guide', url: 'https://example.com/b', kind: null },
    ];
    const created = await app.post('/webhooks/campaigns', { key: 'pipes', name: 'Pipes', assets, owner: { slack_user_id: PEOPLE.marketer.id } });
    expect(created.status).toBe(201);
    const { view } = await openFormByCommand(app, PEOPLE.marketer.id, 'edit pipes');
    const field = view.blocks.find((b: any) => b.block_id === B.assets).element.initial_value;
    expect(field).toBe('Compare \\| Contrast | https://example.com/c?x=1\\|2 | one-pager \\| pdf\nBack\\\\slash \\\\\\| guide | https://example.com/b');

    const saved = await submitForm(app, PEOPLE.marketer.id, view, { goal: 'Now with a goal' });
    expect(saved.json.response_action).toBe('update');
    const after = (await app.get('/api/campaigns/pipes')).json.campaign;
    expect(after.goal).toBe('Now with a goal');
    expect(after.assets).toEqual(created.json.campaign.assets);
    expect(after.removed_assets).toEqual([]);
  });

  it('still reads a line typed without escapes', async () => {
    const { view } = await openFormByCommand(app, PEOPLE.marketer.id, 'edit pipes');
    await submitForm(app, PEOPLE.marketer.id, view, { assets: 'Plain guide|https://example.com/plain|ebook' });
    expect((await app.get('/api/campaigns/pipes')).json.campaign.assets.map((a: any) => [a.title, a.url, a.kind])).toEqual([['Plain guide', 'https://example.com/plain', 'ebook']]);
  });
});
