import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SlackStandIn } from '../../src/standin/slack-standin.ts';
import { leadBody } from '../leads/support.ts';
import { startTestApp } from '../support/harness.ts';
import { runCli } from '../support/spawn.ts';

// The database, its write-ahead log and its backups hold prospects' names and emails: nobody
// but the user Handoff runs as may read them.

const mode = (path: string) => statSync(path).mode & 0o777;

describe('files that hold personal data', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-modes-'));
    chmodSync(dir, 0o755);
    dirs.push(dir);
    return dir;
  };
  afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

  it('creates the database folder 0700 and the database, its log and shared memory 0600', async () => {
    const dir = tempDir();
    const databasePath = join(dir, 'data', 'handoff.db');
    const app = await startTestApp({ databasePath });
    try {
      expect((await app.post('/webhooks/leads', leadBody())).status).toBe(202);
      expect(mode(join(dir, 'data'))).toBe(0o700);
      for (const file of [databasePath, `${databasePath}-wal`, `${databasePath}-shm`]) expect([file, mode(file)]).toEqual([file, 0o600]);
    } finally {
      await app.stop();
    }
  });

  it('narrows a database an earlier version left readable to others, and leaves an existing folder alone', async () => {
    const dir = tempDir();
    const databasePath = join(dir, 'handoff.db');
    writeFileSync(databasePath, '');
    chmodSync(databasePath, 0o644);
    const app = await startTestApp({ databasePath });
    await app.stop();
    expect(mode(databasePath)).toBe(0o600);
    expect(mode(dir)).toBe(0o755);
  });

  it('writes `handoff backup` copies 0600', async () => {
    const dir = tempDir();
    const standIn = await SlackStandIn.start();
    try {
      const env = { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'test-signing-secret-0000', SLACK_API_URL: standIn.url, MARKETING_CHANNEL: 'CMARKETING1', DATABASE_URL: `sqlite:${join(dir, 'handoff.db')}` };
      expect((await runCli(['migrate'], env)).code).toBe(0);
      const target = join(dir, 'backup.db');
      const result = await runCli(['backup', target], env);
      expect(result.code).toBe(0);
      expect(mode(target)).toBe(0o600);
    } finally {
      await standIn.close();
    }
  });
});
