// Small helpers every view shares: Slack rejects over-long text, and user text must not become markup.

/** Cuts text to at most `max` characters, ending with "…" when cut. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, Math.max(0, max - 1)).trimEnd() + '…';
}

/** Escapes what Slack's mrkdwn reads as control characters, so a note cannot ping @channel or forge links. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const SECTION_MAX = 3000;

/** A mrkdwn section, cut to what Slack accepts. */
export function section(text: string): { type: 'section'; text: { type: 'mrkdwn'; text: string } } {
  return { type: 'section', text: { type: 'mrkdwn', text: cut(text, SECTION_MAX) } };
}

export function context(text: string): { type: 'context'; elements: { type: 'mrkdwn'; text: string }[] } {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: cut(text, SECTION_MAX) }] };
}
