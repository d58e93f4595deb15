// Text helpers for lead messages: Slack rejects a message whose texts are too long, and
// mrkdwn treats &, < and > as markup, so everything a CRM sends is escaped and cut here.

/** Cuts to at most `max` characters, on a word boundary when one is near, ending in "…". */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let slice = text.slice(0, Math.max(0, max - 1));
  // Never leave half of a surrogate pair (an emoji) behind.
  if (/[\uD800-\uDBFF]$/.test(slice)) slice = slice.slice(0, -1);
  const space = slice.search(/\s\S*$/);
  if (space > max * 0.6) slice = slice.slice(0, space);
  return slice.trimEnd() + '…';
}

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A mrkdwn link whose label and URL cannot break out of the <url|label> syntax. */
export function link(url: string | undefined, label: string): string {
  if (!url) return esc(label);
  const safeUrl = url.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C');
  return `<${safeUrl}|${esc(label).replace(/\|/g, '¦')}>`;
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
