// The demo in a terminal: a caption per step, then each thing a person sees, labelled with
// where it appears, drawn with the Block Kit text renderer inside a left bar.

import type { DemoEntry } from './entries.ts';
import type { NameLookup } from './render/mrkdwn.ts';
import { displayWidth, padEnd, painter, truncate, wrapRuns } from './render/terminal.ts';
import { renderBlocksAsText, renderViewAsText } from './render/text.ts';

export interface PrintOptions {
  width: number;
  color: boolean;
  names: NameLookup;
}

const INDENT = '  ';

function clockTime(at: Date): string {
  return `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
}

function framed(label: string, body: string, o: PrintOptions): string {
  const p = painter(o.color);
  const lines = body.split('\n').map((l) => `${INDENT}${p.dim('│')} ${l}`.replace(/\s+$/, ''));
  return [`${INDENT}${p.dim('┌')} ${label}`, ...lines, `${INDENT}${p.dim('└')}`].join('\n');
}

export function formatStepTitle(n: number, caption: string, o: PrintOptions): string {
  const p = painter(o.color);
  const number = `${String(n).padStart(2, ' ')}. `;
  const lines = wrapRuns([{ text: caption, paint: (s) => p.bold(p.magenta(s)) }], o.width - number.length);
  return `\n${lines.map((l, i) => (i === 0 ? p.bold(p.magenta(number)) : ' '.repeat(number.length)) + l).join('\n')}`;
}

export function formatEntry(entry: DemoEntry, o: PrintOptions): string {
  const p = painter(o.color);
  const inner = Math.max(30, o.width - INDENT.length - 2);
  const render = { width: inner, color: o.color, names: o.names };
  switch (entry.kind) {
    case 'action': {
      if (!/\p{L}/u.test(entry.actor)) {
        // Time passing or a job running, not a person doing something.
        const said = renderBlocksAsText({ text: entry.text }, { ...render, width: o.width - INDENT.length - 3 });
        return said.split('\n').map((l, i) => `${INDENT}${i === 0 ? entry.actor : ' '.repeat(displayWidth(entry.actor))} ${p.italic(l)}`).join('\n');
      }
      const text = renderBlocksAsText({ text: `*${entry.actor}* ${entry.text}` }, { ...render, width: o.width - INDENT.length - 2 });
      return text.split('\n').map((l, i) => `${INDENT}${i === 0 ? p.yellow('▸') : ' '} ${l}`).join('\n');
    }
    case 'message': {
      const where = p.bold(entry.where);
      const note = entry.ephemeral
        ? p.dim(` · only visible to ${entry.viewer ?? 'you'}`)
        : p.dim(` · Handoff ${clockTime(entry.at)}${entry.partial ? ' · updated; the part that changed:' : entry.updated ? ' · updated' : ''}`);
      return framed(where + note, renderBlocksAsText(entry.message, render), o);
    }
    case 'modal':
      return framed(`${p.bold('Modal')}${p.dim(` on ${entry.who}'s screen`)}`, renderViewAsText(entry.view, render), o);
    case 'home':
      return framed(`${p.bold('Home tab')}${p.dim(` on ${entry.who}'s screen`)}`, renderViewAsText(entry.view, render), o);
    case 'table':
      return framed(p.bold(entry.title), formatTable(entry.columns, entry.rows, inner, o.color), o);
  }
}

/** A small aligned table; wide cells are cut with "…" so a row stays on one line. */
export function formatTable(columns: string[], rows: string[][], width: number, color: boolean): string {
  const p = painter(color);
  if (rows.length === 0) return p.dim('(empty)');
  const gap = 2;
  const natural = columns.map((c, i) => Math.max(displayWidth(c), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const budget = width - gap * (columns.length - 1);
  const widths = [...natural];
  // Shrink the widest other column until the row fits; the first (the key, e.g. an email) goes last.
  while (widths.reduce((a, b) => a + b, 0) > budget) {
    const others = widths.slice(1);
    const candidates = others.some((w) => w > 6) ? others.map((w, i) => [w, i + 1]) : [[widths[0], 0]];
    const [widest, at] = candidates.reduce((a, b) => (b[0] > a[0] ? b : a));
    if (widest <= 6) break;
    widths[at] -= 1;
  }
  const line = (cells: string[], paint: (s: string) => string = (s) => s) =>
    cells.map((c, i) => (i === cells.length - 1 ? paint(truncate(c, widths[i])) : paint(padEnd(truncate(c, widths[i]), widths[i])))).join(' '.repeat(gap));
  return [line(columns, p.dim), ...rows.map((r) => line(columns.map((_, i) => r[i] ?? '')))].join('\n');
}
