import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, WEBHOOK_SECRET, startTestApp, type TestApp } from '../support/harness.ts';
import { eventually, leadBody, leadRow, outboxRows } from './support.ts';

function sign(body: string, timestamp: number, secret = WEBHOOK_SECRET) {
  return {
    authorization: '',
    'x-handoff-timestamp': String(timestamp),
    'x-handoff-signature': 'v1=' + createHmac('sha256', secret).update(`v1:${timestamp}:${body}`).digest('hex'),
  };
}

describe('POST /webhooks/leads', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp(); });
  afterAll(async () => { await app.stop(); });

  const nowSeconds = () => Math.floor(app.clock.now().getTime() / 1000);
  const leadCount = async () => Number((await app.handoff.deps.db.selectFrom('leads').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('stores a lead and answers 202 accepted, keeping unknown top-level keys in fields', async () => {
    const body = leadBody({ lifecycle_stage: 'mql', fields: { budget: 'approved' } });
    const res = await app.post('/webhooks/leads', body);
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ id: body.id, status: 'accepted' });
    const row = await leadRow(app, body.id);
    expect(row).toMatchObject({ email: 'ada@analytical.example', status: 'new', campaign_key: 'q4-ai-webinar', stage: 'consideration', score: 72 });
    expect(JSON.parse(row!.fields)).toEqual({ lifecycle_stage: 'mql', budget: 'approved' });
    const events = await app.handoff.deps.db.selectFrom('lead_events').select('type').where('lead_id', '=', body.id).execute();
    expect(events.map((e) => e.type)).toEqual(['received']);
  });

  it('asks Slack who the owner is only after answering, then queues the DM to them', async () => {
    const body = leadBody();
    const res = await app.post('/webhooks/leads', body);
    expect(res.status).toBe(202);
    const row = await eventually(async () => {
      const r = await leadRow(app, body.id);
      return r?.delivery === 'queued' ? r : undefined;
    }, 5000, 'the owner to be resolved');
    expect(row.owner_slack_id).toBe(PEOPLE.rep.id);
    expect(app.standIn.okCalls('users.lookupByEmail').some((c) => c.args.email === PEOPLE.rep.email)).toBe(true);
    const dm = (await outboxRows(app)).filter((r) => r.dedupe_key === `lead-dm:${body.id}`);
    expect(dm).toHaveLength(1);
    expect(dm[0]).toMatchObject({ kind: 'slack.post', target: PEOPLE.rep.id, ref_type: 'lead', ref_id: body.id });
  });

  it('accepts a v1 HMAC signature over the raw body instead of the bearer secret', async () => {
    const body = JSON.stringify(leadBody());
    const res = await app.post('/webhooks/leads', body, sign(body, nowSeconds()));
    expect(res.status).toBe(202);
    expect(res.json.status).toBe('accepted');
  });

  it('refuses with 401 and stores nothing without authentication, with a wrong bearer, or with a bad or stale signature', async () => {
    const before = await leadCount();
    const body = leadBody();
    const raw = JSON.stringify(body);
    const noAuth = await app.post('/webhooks/leads', raw, { authorization: '' });
    const badBearer = await app.post('/webhooks/leads', raw, { authorization: 'Bearer not-the-secret-at-all' });
    const badSignature = await app.post('/webhooks/leads', raw, sign(raw, nowSeconds(), 'some-other-secret-0123456789'));
    const tampered = await app.post('/webhooks/leads', raw.replace('Ada', 'Eve'), sign(raw, nowSeconds()));
    const stale = await app.post('/webhooks/leads', raw, sign(raw, nowSeconds() - 6 * 60));
    for (const res of [noAuth, badBearer, badSignature, tampered, stale]) {
      expect(res.status).toBe(401);
      expect(res.json.error).toBe('unauthorized');
    }
    expect(stale.json.message).toMatch(/5 minutes/);
    expect(await leadCount()).toBe(before);
    expect(await leadRow(app, body.id)).toBeUndefined();
  });

  it('answers 400 naming every invalid field path and why, and stores nothing', async () => {
    const before = await leadCount();
    const res = await app.post('/webhooks/leads', {
      email: 'not-an-email',
      owner: { email: 'also bad' },
      score: 'high',
      activities: [{ content: 'no type', url: 'javascript:alert(1)', at: 'last tuesday' }],
      fields: ['not', 'an', 'object'],
    });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('invalid_lead');
    const paths = res.json.problems.map((p: { path: string }) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['id', 'email', 'owner.email', 'score', 'activities[0].type', 'activities[0].url', 'activities[0].at', 'fields']));
    const byPath = Object.fromEntries(res.json.problems.map((p: { path: string; message: string }) => [p.path, p.message]));
    expect(byPath.id).toBe('is required');
    expect(byPath.email).toMatch(/email address/);
    expect(byPath['activities[0].url']).toMatch(/http\(s\) URL/);
    expect(await leadCount()).toBe(before);
  });

  it('takes a lead without an owner (offered to claim), and leaves out an owner it cannot read, saying so', async () => {
    const missing = await app.post('/webhooks/leads', leadBody({ owner: undefined }));
    expect(missing.status).toBe(202);
    expect(missing.json.warnings).toBeUndefined();
    const empty = await app.post('/webhooks/leads', leadBody({ owner: {} }));
    expect(empty.json.warnings).toBeUndefined();
    const badId = await app.post('/webhooks/leads', leadBody({ owner: { slack_user_id: 'riley' } }));
    expect(badId.json.warnings).toEqual([{ path: 'owner.slack_user_id', message: 'must be a Slack user ID such as U0123ABCD; left out' }]);
    for (const res of [missing, empty, badId]) expect((await leadRow(app, res.json.id))?.delivery).toBe('unassigned');
  });

  it('answers 400 to broken JSON and to a body that is not a lead object', async () => {
    const broken = await app.post('/webhooks/leads', '{"id": "x", ');
    expect(broken.status).toBe(400);
    expect(broken.json.error).toBe('invalid_json');
    const list = await app.post('/webhooks/leads', [leadBody()]);
    expect(list.status).toBe(400);
    expect(list.json.problems).toEqual([{ path: '', message: 'must be a JSON object describing one lead' }]);
    const empty = await app.post('/webhooks/leads', '');
    expect(empty.status).toBe(400);
  });

  it('answers 413 to a body over 1 MiB and stores nothing', async () => {
    const body = leadBody({ fields: { notes: 'x'.repeat(1024 * 1024) } });
    const res = await app.post('/webhooks/leads', body);
    expect(res.status).toBe(413);
    expect(await leadRow(app, body.id)).toBeUndefined();
  });

  it('answers a batch lead by lead, storing the valid ones even when others are invalid', async () => {
    const good = leadBody();
    const alsoGood = leadBody({ owner: { slack_user_id: PEOPLE.rep2.id } });
    const res = await app.post('/webhooks/leads', { leads: [good, { id: 'broken\u0001-1', email: 'nope', owner: {} }, alsoGood, good] });
    expect(res.status).toBe(202);
    expect(res.json.results).toEqual([
      { id: good.id, status: 'accepted' },
      { index: 1, id: 'broken\u0001-1', error: 'invalid_lead', problems: [
        { path: 'id', message: expect.stringMatching(/control characters/) },
        { path: 'email', message: expect.stringMatching(/email address/) },
      ] },
      { id: alsoGood.id, status: 'accepted' },
      { id: good.id, status: 'duplicate' },
    ]);
    expect(await leadRow(app, good.id)).toBeDefined();
    expect(await leadRow(app, alsoGood.id)).toBeDefined();
    expect(await leadRow(app, 'broken\u0001-1')).toBeUndefined();
  });

  it('answers 400 to a batch with no valid lead, an empty batch and one over 1,000 leads', async () => {
    const none = await app.post('/webhooks/leads', { leads: [{ id: '' }, 42] });
    expect(none.status).toBe(400);
    expect(none.json.results.map((r: { index: number }) => r.index)).toEqual([0, 1]);
    expect(none.json.results[1].problems).toEqual([{ path: '', message: 'must be a JSON object describing one lead' }]);
    const empty = await app.post('/webhooks/leads', { leads: [] });
    expect(empty.status).toBe(400);
    expect(empty.json.problems).toEqual([{ path: 'leads', message: 'must hold at least one lead' }]);
    const notList = await app.post('/webhooks/leads', { leads: 'many' });
    expect(notList.json.problems).toEqual([{ path: 'leads', message: 'must be a list of leads' }]);
    const before = await leadCount();
    const tooMany = await app.post('/webhooks/leads', { leads: Array.from({ length: 1001 }, (_, i) => ({ id: `big-${i}`, email: 'a@b.example', owner: { email: 'r@b.example' } })) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.problems[0].message).toMatch(/at most 1000/);
    expect(await leadCount()).toBe(before);
  });

  it('stores a batch of 1,000 leads in one request', async () => {
    const leads = Array.from({ length: 1000 }, (_, i) => leadBody({ id: `bulk-${i}`, owner: { slack_user_id: PEOPLE.rep2.id } }));
    const res = await app.post('/webhooks/leads', { leads });
    expect(res.status).toBe(202);
    expect(res.json.results.filter((r: { status: string }) => r.status === 'accepted')).toHaveLength(1000);
    expect(await leadRow(app, 'bulk-999')).toMatchObject({ delivery: 'queued', owner_slack_id: PEOPLE.rep2.id });
  });

  it('answers an identical resend with duplicate, a changed one with updated, and never queues a second DM', async () => {
    const body = leadBody({ owner: { slack_user_id: PEOPLE.rep.id } });
    const first = await app.post('/webhooks/leads', body);
    const same = await app.post('/webhooks/leads', body);
    const again = await app.post('/webhooks/leads', { ...body, name: 'Changed Name' });
    expect(first.json).toEqual({ id: body.id, status: 'accepted' });
    expect(same.json).toEqual({ id: body.id, status: 'duplicate' });
    expect(again.json).toEqual({ id: body.id, status: 'updated', changes: ['name'] });
    expect((await leadRow(app, body.id))!.name).toBe('Changed Name');
    expect((await outboxRows(app)).filter((r) => r.ref_id === body.id && r.kind === 'slack.post')).toHaveLength(1);
  });

  it('stores one lead and queues one DM when the same lead is sent five times at once', async () => {
    const body = leadBody({ owner: { slack_user_id: PEOPLE.rep.id } });
    const answers = await Promise.all(Array.from({ length: 5 }, () => app.post('/webhooks/leads', body)));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    expect(answers.map((a) => a.json.status).sort()).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    const rows = await app.handoff.deps.db.selectFrom('leads').select('id').where('id', '=', body.id).execute();
    expect(rows).toHaveLength(1);
    expect((await outboxRows(app)).filter((r) => r.dedupe_key === `lead-dm:${body.id}`)).toHaveLength(1);
    const received = await app.handoff.deps.db.selectFrom('lead_events').select('type').where('lead_id', '=', body.id).execute();
    expect(received).toEqual([{ type: 'received' }]);
  });
});

describe('POST /webhooks/leads while Slack is unreachable', () => {
  it('still stores the lead and answers 202 at once; the owner waits to be looked up', async () => {
    const app = await startTestApp({ env: { SLACK_API_URL: 'http://127.0.0.1:9/api/' } });
    try {
      const byEmail = leadBody();
      const bySlackId = leadBody({ owner: { slack_user_id: PEOPLE.rep.id } });
      const started = Date.now();
      const answers = [await app.post('/webhooks/leads', byEmail), await app.post('/webhooks/leads', bySlackId)];
      expect(Date.now() - started).toBeLessThan(2000);
      expect(answers.map((a) => a.json.status)).toEqual(['accepted', 'accepted']);
      expect(await leadRow(app, byEmail.id)).toMatchObject({ delivery: 'awaiting_owner', owner_slack_id: null });
      expect(await leadRow(app, bySlackId.id)).toMatchObject({ delivery: 'queued' });
      const pending = (await outboxRows(app)).filter((r) => r.ref_id === bySlackId.id);
      expect(pending).toMatchObject([{ status: 'pending', target: PEOPLE.rep.id }]);
    } finally {
      await app.stop();
    }
  });
});
