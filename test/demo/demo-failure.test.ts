// When a step does not get what it waits for, the demo says which step and what was missing,
// exits 1, and leaves nothing running (the test would hang otherwise).

import { describe, expect, it } from 'vitest';
import { runDemo } from '../../src/demo/run.ts';
import type { Step } from '../../src/demo/story.ts';
import { CHANNELS } from '../../src/demo/world.ts';

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: { write: (s: string) => out.push(s) }, err: { write: (s: string) => err.push(s) } }, out, err };
}

describe('a demo step that fails', () => {
  it('names the step and what never arrived, and exits 1', async () => {
    const missing: Step = {
      caption: 'A notice nobody sends',
      run: (ctx) => ctx.waitFor('chat.postMessage', (c) => c.args.channel === CHANNELS.sales, 'a message in #sales').then(() => {}),
    };
    const { io, out, err } = captureIo();
    expect(await runDemo([], io, [missing])).toBe(1);
    expect(out.join('')).toContain('1. A notice nobody sends');
    expect(err.join('')).toContain('✗ Step 1 failed: A notice nobody sends');
    expect(err.join('')).toContain('waited 5 s for a message in #sales; it did not arrive');
    expect(out.join('')).not.toContain('Connect a real workspace');
  });

  it('gives up on a step that hangs, at its time limit', async () => {
    const hangs: Step = { caption: 'Waiting forever', timeoutMs: 300, run: () => new Promise(() => {}) };
    const { io, err } = captureIo();
    const started = Date.now();
    expect(await runDemo([], io, [hangs])).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(err.join('')).toContain('the step took longer than 0.3 s');
  });
});
