// Text helpers for Block Kit builders: Slack rejects a message whose text is over a limit, and a
// name typed by a stranger (a lead, a brief) must never turn into a mention or formatting.

const ELLIPSIS = '…';

import { escapeMrkdwn } from './text.ts';

export { escapeMrkdwn };

/** One line of plain words: collapses whitespace (a newline in a name would break a table row). */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * At most `max` characters, cut at a word boundary with "…" when too long. Only a single word
 * longer than the whole budget is cut inside itself, since there is no boundary to cut at.
 */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = Math.max(0, max - ELLIPSIS.length);
  const head = text.slice(0, room + 1);
  const boundary = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\n'), head.lastIndexOf('-'));
  const cut = boundary > room / 3 ? head.slice(0, boundary) : head.slice(0, room);
  return cut.replace(/[\s,;:.·—-]+$/u, '') + ELLIPSIS;
}

/** Escaped, single-line and fitted: how a user-supplied name appears inside mrkdwn, `max` counted after escaping. */
export function safeName(text: string, max: number): string {
  const line = oneLine(text);
  let budget = max;
  for (;;) {
    const escaped = escapeMrkdwn(fitText(line, budget));
    // "&" grows to "&amp;": shrink the raw budget by the excess until the escaped text fits.
    if (escaped.length <= max || budget <= 1) return escaped.length <= max ? escaped : '…';
    budget -= escaped.length - max;
  }
}

/** Hides anything shaped like an email address: the digest channels must never see one. */
export function noEmails(text: string): string {
  return text.replace(/[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+/g, '[email hidden]');
}

/**
 * Keeps whole lines while they fit in `max` characters, then says how many were left out
 * (`hidden` more are counted too: items the caller never fetched). A section (3,000) loses its
 * tail, never its middle.
 */
export function fitLines(lines: string[], max: number, hidden = 0, more: (n: number) => string = (n) => `_…and ${n} more_`): string {
  const kept: string[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = fitText(lines[i], max);
    const cost = line.length + (kept.length ? 1 : 0);
    const after = lines.length - i - 1 + hidden;
    const tail = after > 0 ? more(after).length + 1 : 0;
    if (used + cost + tail > max) {
      hidden += lines.length - i;
      break;
    }
    kept.push(line);
    used += cost;
  }
  if (hidden > 0) kept.push(more(hidden));
  return kept.join('\n');
}
