// The text rules every Block Kit builder shares: Slack rejects a message whose texts are too
// long, and mrkdwn treats &, < and > as markup, so text from outside is escaped and cut here.

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

/** Escapes what mrkdwn would read as a link, mention (`<!channel>`) or entity. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escapes what a person typed into a slash command, which Slack sends already escaped (`&lt;`)
 * except for the links and mentions it made itself: those are shown as typed, never as markup,
 * and an entity Slack escaped is not escaped twice.
 */
export function escapeTyped(text: string): string {
  return text.replace(/&(?!(?:amp|lt|gt);)/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A mrkdwn link whose label and URL cannot break out of the <url|label> syntax. */
export function mrkdwnLink(url: string, label: string): string {
  const safeUrl = url.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C');
  return `<${safeUrl}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}
