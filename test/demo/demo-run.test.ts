// `handoff demo` as a newcomer runs it: a child process, no workspace, no configuration.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORY } from '../../src/demo/steps/index.ts';
import { runCli, type CliResult } from '../support/spawn.ts';

/** The printed messages: the label after ┌ and the lines inside the bar. */
function frames(out: string): Array<{ label: string; body: string }> {
  const found: Array<{ label: string; body: string }> = [];
  for (const m of out.matchAll(/^ {2}┌ (.*)\n((?: {2}│.*\n)*) {2}└/gm)) {
    found.push({ label: m[1], body: m[2].split('\n').map((l) => l.replace(/^ {2}│ ?/, '')).join('\n') });
  }
  return found;
}

describe('handoff demo', () => {
  let dir: string;
  let htmlFile: string;
  let run: CliResult;
  let seconds: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'handoff-demo-run-'));
    htmlFile = join(dir, 'demo.html');
    const started = Date.now();
    mkdirSync(join(dir, 'tmp'));
    // A configured database must be left alone: the demo brings its own (in TMPDIR, removed at the end).
    run = await runCli(['demo', '--html', htmlFile], { DATABASE_URL: `sqlite:${join(dir, 'mine.db')}`, TMPDIR: join(dir, 'tmp') }, { timeoutMs: 35_000 });
    seconds = (Date.now() - started) / 1000;
  }, 40_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('exits 0 in under 30 seconds', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(seconds).toBeLessThan(30);
  });

  it('prints every step of the story with its caption, in order', () => {
    let from = 0;
    STORY.forEach((step, i) => {
      const at = run.stdout.indexOf(`${i + 1}. ${step.caption}`, from);
      expect(at, `step ${i + 1}: ${step.caption}`).toBeGreaterThan(-1);
      from = at;
    });
  });

  it('shows the brief form filled in, then the brief Handoff saved', () => {
    const modals = frames(run.stdout).filter((f) => f.label === "Modal on Morgan Marketer's screen");
    expect(modals[0].body).toContain('Key: q4-ai-webinar');
    expect(modals[0].body).toContain('[ Cancel ]  [ Save brief ]');
    expect(modals[1].body).toContain('Brief saved');
    expect(modals[1].body).toContain('• Ask which pilot stalled and why');
  });

  it("shows the rep's DM with the lead, the campaign's brief and the buttons", () => {
    const dm = frames(run.stdout).find((f) => f.label.startsWith('DM to Riley Rep') && f.body.includes('Ada Lovelace'));
    expect(dm?.body).toContain('Analytical Engines');
    expect(dm?.body).toContain('Ask which pilot stalled and why');
    expect(dm?.body).toMatch(/\[ Accept \] {2}\[ .*Hot — pause emails \] {2}\[ Not qualified \]/);
  });

  it('shows the Not qualified form and marketing hearing the reason', () => {
    const all = frames(run.stdout);
    const form = all.find((f) => f.label === "Modal on Riley Rep's screen");
    expect(form?.body).toContain('Reason: [ Bad fit ▾ ]');
    const notice = all.find((f) => f.label.startsWith('#marketing') && f.body.includes('Grace Hopper'));
    expect(notice?.body).toContain('Bad fit');
    expect(notice?.body).toContain('Researching a thesis');
    const edited = all.find((f) => f.label.includes('updated') && f.body.includes('Bad fit'));
    expect(edited?.label).toMatch(/^DM to Riley Rep/);
  });

  it('reminds the rep of an unanswered lead, then tells #sales', () => {
    const out = run.stdout;
    const reminderAt = out.indexOf('31 minutes later');
    expect(reminderAt).toBeGreaterThan(-1);
    const after = frames(out.slice(reminderAt));
    expect(after.find((f) => f.label.startsWith('DM to Riley Rep'))?.body).toContain('Katherine Johnson');
    expect(after.find((f) => f.label.startsWith('#sales'))?.body).toContain('Katherine Johnson');
  });

  it("shows the rep's Home tab with the leads still waiting", () => {
    const home = frames(run.stdout).find((f) => f.label === "Home tab on Riley Rep's screen");
    expect(home?.body).toContain('Katherine Johnson');
    expect(home?.body).toContain('[ Accept ]');
  });

  it('holds a lead that misses the agreed definition and lists it for marketing the next morning', () => {
    const all = frames(run.stdout);
    expect(all.find((f) => f.label === '#marketing · only visible to Morgan Marketer')?.body).toContain('A lead qualifies when it meets all of these:');
    expect(run.stdout).toContain('{"id":"crm-00Q5e00004","status":"held"}');
    const summary = all.find((f) => f.label.startsWith('#marketing') && f.body.includes('Sam Sample'));
    expect(summary?.body).toContain('[ Release to owner ]');
    expect(all.some((f) => f.label.startsWith('DM to') && f.body.includes('Sam Sample'))).toBe(false);
  });

  it('shows the rep accepting the lead from HubSpot: the DM shrinks to what was done and the HubSpot record changes', () => {
    const all = frames(run.stdout);
    const accepted = all.find((f) => f.label.startsWith('DM to Riley Rep') && f.label.includes('updated') && f.body.includes('✅ Accepted by you'));
    expect(accepted?.body).toContain('Ada Lovelace (CTO, Analytical Engines)');
    expect(accepted?.body).not.toContain('Say this first');
    const record = all.find((f) => f.label === 'HubSpot · contact 501 (Ada Lovelace), written by Handoff');
    expect(record?.body).toMatch(/Lead status\s+New\s+In progress/);
  });

  it('pauses marketing emails when the rep clicks Hot, and the suppression list shows it', () => {
    const all = frames(run.stdout);
    const notice = all.find((f) => f.label.startsWith('#marketing · Handoff') && f.body.includes('Pause marketing emails to Ada Lovelace'));
    expect(notice?.body).toContain('ada@analytical.example');
    expect(notice?.body).toContain('@Riley Rep');
    expect(all.find((f) => f.label.includes('updated') && f.body.includes('Marked hot'))?.label).toMatch(/^DM to Riley Rep/);
    const table = all.find((f) => f.label === 'GET /api/suppressions');
    expect(table?.body).toMatch(/^email\s+paused_until\s+paused_by/);
    expect(table?.body).toMatch(/ada@analytical\.example\s+2026-12-24 00:00 UTC\s+Riley Rep/);
  });

  it("shows the rating's running tally to the rep", () => {
    const tally = frames(run.stdout).find((f) => f.label === 'DM to Riley Rep · only visible to Riley Rep' && f.body.includes('AI Buyer Guide'));
    expect(tally?.body).toMatch(/useful/i);
    expect(tally?.body).toContain('1 👍');
  });

  it('posts the digest to the digest channel with the week in numbers', () => {
    const digest = frames(run.stdout).find((f) => f.label.startsWith('#revenue-team · Handoff'));
    expect(digest?.body).toContain('1 of 3 leads rejected as bad fit — it scored 41');
    expect(digest?.body).toContain('Katherine Johnson');
    expect(digest?.body).toContain('AI Buyer Guide');
  });

  it('ends by telling the reader how to connect a real workspace', () => {
    expect(run.stdout).toContain('Connect a real workspace:');
    expect(run.stdout).toContain('manifest.yml');
    expect(run.stdout).toContain('SLACK_BOT_TOKEN');
    expect(run.stdout).toContain('npm start');
  });

  it('writes no colour codes when the output is not a terminal', () => {
    expect(run.stdout).not.toContain('\x1b[');
  });

  it('writes the conversation as an HTML page', () => {
    expect(run.stdout).toContain(`Wrote the conversation to ${htmlFile}`);
    const html = readFileSync(htmlFile, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    for (const step of STORY) expect(html).toContain(step.caption.replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
    expect(html).toContain('Connect a real workspace:');
  });

  it('leaves the configured database alone and cleans up its own', () => {
    expect(existsSync(join(dir, 'mine.db'))).toBe(false);
    expect(readdirSync(join(dir, 'tmp')).filter((f) => f.startsWith('handoff'))).toEqual([]);
  });
});

describe('handoff demo with a bad option', () => {
  it('exits 2 and shows its usage', async () => {
    const res = await runCli(['demo', '--htm', 'x.html'], {});
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('"--htm" is not a demo option.');
    expect(res.stderr).toContain('Usage: handoff demo [--html FILE]');
  });
});
