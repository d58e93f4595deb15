import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackStandIn } from '../../src/standin/slack-standin.ts';
import { leadBody } from '../leads/support.ts';
import { PEOPLE } from '../support/harness.ts';
import { freePort } from '../support/handoff-process.ts';
import { collect, eventually, spawnCli } from '../support/spawn.ts';

// After a failed fsync Linux may have dropped the pages it could not write, so a later fsync
// that succeeds proves nothing: Handoff must stop answering writes as stored and exit non-zero,
// so that its supervisor restarts it and SQLite recovers from what is really on disk.

const PRELOAD = fileURLToPath(new URL('../support/preload/failing-fsync.mjs', import.meta.url));
const SECRET = 'fsync-webhook-secret-0123456789';

describe('a disk that refuses an fsync', () => {
  let dir: string;
  let standIn: SlackStandIn;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'handoff-fsync-'));
    standIn = await SlackStandIn.start({ users: [PEOPLE.rep] });
  });
  afterAll(async () => {
    await standIn.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 from then on, logs why, exits non-zero, and loses nothing it answered 202 for', async () => {
    const trigger = join(dir, 'fail-fsync-now');
    const port = await freePort();
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret-0000',
      SLACK_API_URL: standIn.url,
      MARKETING_CHANNEL: 'CMARKETING1',
      HANDOFF_WEBHOOK_SECRET: SECRET,
      DATABASE_URL: `sqlite:${join(dir, 'handoff.db')}`,
      PORT: String(port),
    };
    const child = spawnCli(['start'], { ...env, NODE_OPTIONS: `--import=${PRELOAD}`, HANDOFF_TEST_FAIL_FSYNC: trigger });
    const exited = collect(child, 30_000);
    const url = `http://127.0.0.1:${port}`;
    const send = (lead: object) => fetch(`${url}/webhooks/leads`, { method: 'POST', body: JSON.stringify(lead), headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` } });
    try {
      await eventually(async () => (await fetch(`${url}/healthz`).catch(() => undefined))?.status === 200, { timeoutMs: 15_000, what: 'the app to start' });
      const stored = leadBody({ owner: { slack_user_id: PEOPLE.rep.id } });
      expect((await send(stored)).status).toBe(202);
      // Its DM is sent first, so the next fsync to fail is the next lead's own.
      await standIn.waitFor('chat.postMessage', (c) => c.ok);
      await new Promise((r) => setTimeout(r, 200));

      writeFileSync(trigger, '');
      const refused = leadBody({ owner: { slack_user_id: PEOPLE.rep.id } });
      const answer = await send(refused);
      expect(answer.status).toBe(503);
      // Nothing after it is answered as stored either, though the next fsync might succeed.
      rmSync(trigger);
      const after = await send(leadBody()).then((r) => r.status, () => 'closed');
      expect([503, 'closed']).toContain(after);

      const result = await exited;
      expect(result.code).toBe(1);
      const fatal = result.stdout.split('\n').filter((l) => l.includes('"level":60'));
      expect(fatal.join('\n')).toContain('the database log could not be synced to disk');
      expect(fatal.join('\n')).toContain('EIO');

      // Restarted, it has every lead it answered 202 for, and the refused one can be sent again.
      const again = spawnCli(['start'], env);
      const againExited = collect(again, 30_000);
      try {
        await eventually(async () => (await fetch(`${url}/healthz`).catch(() => undefined))?.status === 200, { timeoutMs: 15_000, what: 'the app to restart' });
        expect(((await (await send(stored)).json()) as { status: string }).status).toBe('duplicate');
        expect((await send(refused)).status).toBe(202);
      } finally {
        again.kill('SIGTERM');
        await againExited;
      }
    } finally {
      child.kill('SIGKILL');
    }
  });
});
