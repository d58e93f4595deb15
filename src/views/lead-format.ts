// Text helpers for lead messages; the shared rules are in text.ts.
import { cut, escapeMrkdwn, mrkdwnLink } from './text.ts';

export { cut, escapeMrkdwn as esc } from './text.ts';

/** A mrkdwn link, or the escaped label when there is no URL. */
export function link(url: string | undefined, label: string): string {
  return url ? mrkdwnLink(url, label) : escapeMrkdwn(label);
}

/**
 * Joins lines up to `max` characters, dropping whole lines (so no link is cut in half) and
 * saying how many were left out.
 */
export function fitLines(lines: string[], max: number, more = (n: number) => `…and ${n} more`): string {
  const kept: string[] = [];
  let length = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    const left = lines.length - i - 1;
    const reserve = left > 0 ? more(left).length + 1 : 0;
    if (length + line.length + (kept.length ? 1 : 0) + reserve > max) {
      if (kept.length === 0) kept.push(cut(line, max - reserve - 1));
      const dropped = lines.length - kept.length;
      if (dropped > 0) kept.push(more(dropped));
      return cut(kept.join('\n'), max);
    }
    kept.push(line);
    length += line.length + (kept.length > 1 ? 1 : 0);
  }
  return kept.join('\n');
}

/** A time every reader sees in their own time zone; the fallback is UTC. */
export function slackTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const fallback = `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${Math.floor(d.getTime() / 1000)}^{date_short_pretty} at {time}|${fallback}>`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Nov 20" style date for activity lines, UTC (Intl formatting is slow enough to matter in a 1,000-lead batch). */
export function shortDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "downloaded" / "requested_demo" → "Downloaded" / "Requested demo". */
export function humanize(s: string): string {
  return capitalize(s.replace(/[_-]+/g, ' ').trim());
}
