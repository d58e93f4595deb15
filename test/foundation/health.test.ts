import { describe, expect, it } from 'vitest';
import { startTestApp } from '../support/harness.ts';

describe('GET /healthz', () => {
  it('answers 200 {"status":"ok"} while the database answers', async () => {
    const app = await startTestApp();
    try {
      const res = await app.get('/healthz', {});
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ status: 'ok' });
    } finally {
      await app.stop();
    }
  });

  it('answers 503 when the database does not answer', async () => {
    const app = await startTestApp();
    try {
      await app.handoff.deps.db.destroy();
      const res = await app.get('/healthz', {});
      expect(res.status).toBe(503);
      expect(res.json.status).toBe('unavailable');
    } finally {
      await app.stop().catch(() => undefined);
    }
  });

  it('stays healthy and starts while Slack cannot be reached', async () => {
    const app = await startTestApp({ env: { SLACK_API_URL: 'http://127.0.0.1:9/api/' } });
    try {
      const res = await app.get('/healthz', {});
      expect(res.status).toBe(200);
      const help = await app.slack.command('/handoff', 'help');
      expect(help.status).toBe(200);
    } finally {
      await app.stop();
    }
  });

  it('answers 404 with JSON for unknown routes and 405 for a wrong method', async () => {
    const app = await startTestApp();
    try {
      expect((await app.get('/nope', {})).status).toBe(404);
      const res = await app.post('/healthz', {});
      expect(res.status).toBe(405);
    } finally {
      await app.stop();
    }
  });
});
