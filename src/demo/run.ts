// `handoff demo [--html FILE]`: the whole story against the built-in Slack stand-in, printed
// as each person would see it in Slack. The app is the real one (HTTP, signatures, SQLite,
// outbox); only Slack is stood in for.

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { colorWanted } from '../config.ts';
import type { DemoEntry } from './entries.ts';
import { Observer } from './observer.ts';
import { formatEntry, formatStepTitle, type PrintOptions } from './printer.ts';
import { renderConversationHtml } from './render/page.ts';
import { painter } from './render/terminal.ts';
import { renderBlocksAsText } from './render/text.ts';
import { STORY } from './steps/index.ts';
import { DemoStepError, runStep, StepContext, type Step, type StoryState } from './story.ts';
import { PEOPLE, startDemoWorld, type DemoWorld } from './world.ts';

export interface DemoIo {
  out: { write(s: string): unknown; isTTY?: boolean; columns?: number; on?(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown };
  err: { write(s: string): unknown };
}

/** `handoff demo | head` closes the pipe early: stop writing, finish quietly, still clean up. */
function tolerateClosedPipe(io: DemoIo): DemoIo {
  let closed = false;
  io.out.on?.('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  const out = { isTTY: io.out.isTTY, columns: io.out.columns, write: (s: string) => (closed ? false : io.out.write(s)) };
  return { out, err: io.err };
}

const CAST = `${PEOPLE.marketer.real_name} (marketing), ${PEOPLE.rep.real_name} (sales rep), ${PEOPLE.admin.real_name} (Handoff admin); `
  + 'channels #marketing, #sales and #revenue-team (the digest)';

const STEP_GAP_MS = 4 * 60_000;

const USAGE = `Usage: handoff demo [--html FILE]

Plays Handoff's whole story against a built-in Slack stand-in: no workspace, no configuration.
  --html FILE   also write the conversation as a web page that looks like Slack`;

const INTRO_TEXT = [
  '*Handoff demo* — the real app against a built-in Slack stand-in (no workspace needed).',
  '_Every request goes over HTTP, signed like Slack\'s; leads are stored in a temporary SQLite file and sent through the outbox._',
  '',
  `*Cast:* ${CAST}.`,
].join('\n');

export const CONNECT_TEXT = [
  '*Connect a real workspace:*',
  '1. Create a Slack app from `manifest.yml` (api.slack.com/apps → _From an app manifest_) and install it.',
  '2. Put its tokens in `.env`: `SLACK_BOT_TOKEN=xoxb-…` and `SLACK_SIGNING_SECRET=…` (or `SLACK_APP_TOKEN=xapp-…` for Socket Mode), plus `MARKETING_CHANNEL=C…`.',
  '3. Run `npm start`, and point your CRM\'s webhook at `POST /webhooks/leads`. README.md has the details.',
].join('\n');

function parseArgs(args: string[]): { html?: string } | 'help' | string {
  const out: { html?: string } = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h' || arg === 'help') return 'help';
    if (arg === '--html') {
      const file = args[++i];
      if (!file || file.startsWith('--')) return '--html needs a file name, e.g. --html demo.html';
      out.html = file;
    } else if (arg.startsWith('--html=')) {
      out.html = arg.slice('--html='.length);
      if (!out.html) return '--html needs a file name, e.g. --html demo.html';
    } else {
      return `"${arg}" is not a demo option.`;
    }
  }
  return out;
}

function writePage(file: string, entries: DemoEntry[], world: DemoWorld | undefined, io: DemoIo): void {
  const html = renderConversationHtml(entries, {
    title: 'Handoff — demo conversation',
    subtitle: `The real app, played against a built-in Slack stand-in: every message below is what Handoff sent. Cast: ${CAST}.`,
    names: world?.names,
    footer: CONNECT_TEXT,
  });
  writeFileSync(file, html);
  io.out.write(`\nWrote the conversation to ${resolve(file)} (open it in a browser).\n`);
}

/** `handoff demo`; resolves to the exit code. */
export async function runDemo(args: string[], given: DemoIo = { out: process.stdout, err: process.stderr }, story: Step[] = STORY): Promise<number> {
  const io = tolerateClosedPipe(given);
  const parsed = parseArgs(args);
  if (parsed === 'help') {
    io.out.write(`${USAGE}\n`);
    return 0;
  }
  if (typeof parsed === 'string') {
    io.err.write(`${parsed}\n\n${USAGE}\n`);
    return 2;
  }

  const started = performance.now();
  const color = colorWanted(io.out);
  const p = painter(color);
  const width = Math.min(100, Math.max(60, io.out.columns ?? 80));
  io.out.write(`${renderBlocksAsText({ text: INTRO_TEXT }, { width, color })}\n`);

  let world: DemoWorld | undefined;
  const entries: DemoEntry[] = [];
  try {
    world = await startDemoWorld();
    const print: PrintOptions = { width, color, names: world.names };
    const emit = (list: DemoEntry[]) => {
      for (const entry of list) {
        entries.push(entry);
        io.out.write(`${formatEntry(entry, print)}\n`);
      }
    };
    const observer = new Observer(world);
    const state: StoryState = {};
    for (const [i, step] of story.entries()) {
      // A few minutes pass between steps, as they would in a working day.
      if (i > 0) world.clock.advance(STEP_GAP_MS);
      io.out.write(`${formatStepTitle(i + 1, step.caption, print)}\n`);
      try {
        await runStep(step, new StepContext(world, observer, emit, state, step.caption));
      } catch (error) {
        const why = error instanceof DemoStepError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
        io.err.write(`\n${p.red(p.bold(`✗ Step ${i + 1} failed:`))} ${step.caption}\n  ${why}\n`);
        const tail = world.logTail();
        if (tail.length) io.err.write(`\nWhat Handoff logged (warnings and errors):\n${tail.map((l) => `  ${l}`).join('\n')}\n`);
        if (parsed.html) writePage(parsed.html, entries, world, io);
        return 1;
      }
    }
    io.out.write(`\n${renderBlocksAsText({ text: CONNECT_TEXT }, { width, color })}\n`);
    if (parsed.html) writePage(parsed.html, entries, world, io);
    io.out.write(p.dim(`\nThe demo took ${((performance.now() - started) / 1000).toFixed(1)} s.\n`));
    return 0;
  } catch (error) {
    io.err.write(`\nThe demo could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await world?.stop();
  }
}
