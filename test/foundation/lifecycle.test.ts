import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SlackStandIn } from '../../src/standin/slack-standin.ts';
import { collect, eventually, runCli, spawnCli } from '../support/spawn.ts';

function baseEnv(dir: string, standIn: SlackStandIn): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: 'test-signing-secret-0000',
    SLACK_API_URL: standIn.url,
    MARKETING_CHANNEL: 'CMARKETING1',
    DATABASE_URL: `sqlite:${join(dir, 'nested', 'folder', 'handoff.db')}`,
  };
}

describe('handoff migrate', () => {
  it('creates the database folder and file, applies the migrations, and is a no-op the second time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-migrate-'));
    const standIn = await SlackStandIn.start();
    try {
      const first = await runCli(['migrate'], baseEnv(dir, standIn));
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/Applied \d+ migration/);
      const dbFile = join(dir, 'nested', 'folder', 'handoff.db');
      expect(existsSync(dbFile)).toBe(true);
      const db = new SQLite(dbFile, { readonly: true });
      const tables = db.prepare("select name from sqlite_master where type = 'table'").all().map((r: any) => r.name);
      expect(tables).toEqual(expect.arrayContaining(['campaigns', 'leads', 'lead_events', 'outbox']));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
      const second = await runCli(['migrate'], baseEnv(dir, standIn));
      expect(second.code).toBe(0);
      expect(second.stdout).toContain('up to date');
    } finally {
      await standIn.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('handoff start', () => {
  it('serves health on PORT and shuts down cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-start-'));
    const standIn = await SlackStandIn.start();
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawnCli(['start'], { ...baseEnv(dir, standIn), PORT: String(port) });
    const exited = collect(child, 20_000);
    try {
      const health = await eventually(async () => {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        return res.status === 200 ? res.json() : undefined;
      }, { timeoutMs: 15_000, what: 'the app to answer /healthz' });
      expect(health).toEqual({ status: 'ok' });
      child.kill('SIGTERM');
      const result = await exited;
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Handoff stopped');
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    } finally {
      child.kill('SIGKILL');
      await standIn.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('handoff backup', () => {
  it('writes a consistent copy of the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-backup-'));
    const standIn = await SlackStandIn.start();
    try {
      expect((await runCli(['migrate'], baseEnv(dir, standIn))).code).toBe(0);
      const target = join(dir, 'copy.db');
      const result = await runCli(['backup', target], baseEnv(dir, standIn));
      expect(result.code).toBe(0);
      const copy = new SQLite(target, { readonly: true });
      expect(copy.prepare("select count(*) as n from sqlite_master where name = 'leads'").get()).toEqual({ n: 1 });
      copy.close();
      const usage = await runCli(['backup'], baseEnv(dir, standIn));
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain('Usage: handoff backup FILE');
    } finally {
      await standIn.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('handoff backup on PostgreSQL', () => {
  it('says to use pg_dump, and exits 2 without touching anything', async () => {
    const result = await runCli(['backup', '/tmp/never-written.db'], { DATABASE_URL: 'postgres://handoff:s3cret@127.0.0.1:9/handoff' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pg_dump --format=custom');
    expect(result.stderr).not.toContain('s3cret');
  });
});

describe('the handoff command line', () => {
  it('explains itself on an unknown command', async () => {
    const result = await runCli(['frobnicate'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown command "frobnicate"');
    expect(result.stderr).toContain('start');
  });
});
