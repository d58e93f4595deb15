// Slack mrkdwn → a small tree both renderers (terminal, HTML) walk, so they agree on what a
// message says. Parsing follows what Slack shows: *bold*, _italic_, ~strike~, `code`,
// ```blocks```, "> " quotes, <url|label>, <@U…>, <#C…|name>, <!here>, and the &amp;/&lt;/&gt;
// escapes Slack requires in text.

export interface Style { bold?: boolean; italic?: boolean; strike?: boolean }

export type Inline =
  | { kind: 'text'; text: string; style: Style }
  | { kind: 'code'; text: string; style: Style }
  | { kind: 'link'; url: string; label: string; style: Style }
  | { kind: 'mention'; text: string; style: Style };

export type MrkdwnBlock =
  | { kind: 'line'; quote: boolean; inlines: Inline[] }
  | { kind: 'codeblock'; text: string };

type Unstyled = Inline extends infer U ? (U extends Inline ? Omit<U, 'style'> : never) : never;

/** Who <@U…> and <#C…> are; unknown ids are shown as they are. */
export interface NameLookup {
  users?: Record<string, string>;
  channels?: Record<string, string>;
}

// A few shortcodes Handoff's messages use, shown as the emoji Slack would draw.
const EMOJI: Record<string, string> = {
  white_check_mark: '✅', heavy_check_mark: '✔️', x: '❌', fire: '🔥', warning: '⚠️', no_entry: '⛔',
  hourglass: '⌛', hourglass_flowing_sand: '⏳', alarm_clock: '⏰', bell: '🔔', '+1': '👍', thumbsup: '👍',
  '-1': '👎', thumbsdown: '👎', calendar: '📅', date: '📅', email: '📧', envelope: '✉️', pause_button: '⏸️',
  double_vertical_bar: '⏸️', arrow_forward: '▶️', chart_with_upwards_trend: '📈', chart_with_downwards_trend: '📉',
  bar_chart: '📊', memo: '📝', pushpin: '📌', mega: '📣', loudspeaker: '📢', star: '⭐', tada: '🎉', wave: '👋',
  eyes: '👀', speech_balloon: '💬', busts_in_silhouette: '👥', bust_in_silhouette: '👤', link: '🔗',
  mailbox: '📫', inbox_tray: '📥', outbox_tray: '📤', rotating_light: '🚨', zzz: '💤', mag: '🔍',
  information_source: 'ℹ️', bulb: '💡', dart: '🎯', trophy: '🏆', handshake: '🤝', clipboard: '📋',
  new: '🆕', sparkles: '✨', stopwatch: '⏱️', heavy_minus_sign: '➖', large_green_circle: '🟢',
  large_yellow_circle: '🟡', red_circle: '🔴', briefcase: '💼', page_facing_up: '📄', books: '📚',
};

export function emojify(text: string): string {
  return text.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => EMOJI[name] ?? whole);
}

export function unescapeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

// Tokens that must not be read as emphasis are swapped for private-use characters first.
const PLACEHOLDER_BASE = 0xe000;
const PLACEHOLDER = /[\ue000-\uf8ff]/g;

// Slack opens emphasis only at a word's start and closes it only at a word's end.
const EMPHASIS = /(?<![^\s([{"'*_~\ue000-\uf8ff])([*_~])(?!\s)(.+?)(?<!\s)\1(?![^\s.,;:!?)\]}'"*_~\ue000-\uf8ff])/;

function angleToken(inner: string, lookup: NameLookup): Unstyled {
  const [target, label] = splitOnce(inner, '|');
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return { kind: 'mention', text: `@${lookup.users?.[id] ?? label ?? id}` };
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return { kind: 'mention', text: `#${lookup.channels?.[id] ?? label ?? id}` };
  }
  if (target.startsWith('!')) {
    const word = target.slice(1);
    if (word.startsWith('subteam^')) return { kind: 'mention', text: label ?? `@${word.slice(8)}` };
    if (word.startsWith('date^')) return { kind: 'text', text: unescapeEntities(label ?? word.split('^')[1] ?? '') };
    return { kind: 'mention', text: `@${label ?? word}` };
  }
  const url = unescapeEntities(target);
  if (url.startsWith('mailto:')) return { kind: 'link', url, label: unescapeEntities(label ?? url.slice(7)) };
  return { kind: 'link', url, label: unescapeEntities(label ?? url) };
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

function parseLine(line: string, lookup: NameLookup): Inline[] {
  const tokens: Array<Unstyled> = [];
  const hold = (t: Unstyled) => String.fromCharCode(PLACEHOLDER_BASE + tokens.push(t) - 1);
  const masked = line
    .replace(PLACEHOLDER, '\ufffd') // a user's own private-use characters must not pose as tokens
    .replace(/`([^`\n]+)`/g, (_w, code: string) => hold({ kind: 'code', text: unescapeEntities(code) }))
    .replace(/<([^<>\n]+)>/g, (_w, inner: string) => hold(angleToken(inner, lookup)));

  const out: Inline[] = [];
  const emit = (text: string, style: Style) => {
    let last = 0;
    for (const m of text.matchAll(PLACEHOLDER)) {
      if (m.index > last) pushText(out, text.slice(last, m.index), style);
      out.push({ ...tokens[m[0].charCodeAt(0) - PLACEHOLDER_BASE], style } as Inline);
      last = m.index + 1;
    }
    if (last < text.length) pushText(out, text.slice(last), style);
  };
  const walk = (text: string, style: Style) => {
    const m = EMPHASIS.exec(text);
    if (!m) return emit(text, style);
    emit(text.slice(0, m.index), style);
    const marker = m[1];
    walk(m[2], { ...style, ...(marker === '*' ? { bold: true } : marker === '_' ? { italic: true } : { strike: true }) });
    walk(text.slice(m.index + m[0].length), style);
  };
  walk(masked, {});
  return out;
}

function pushText(out: Inline[], raw: string, style: Style): void {
  const text = emojify(unescapeEntities(raw));
  const prev = out.at(-1);
  if (prev?.kind === 'text' && sameStyle(prev.style, style)) prev.text += text;
  else out.push({ kind: 'text', text, style });
}

function sameStyle(a: Style, b: Style): boolean {
  return Boolean(a.bold) === Boolean(b.bold) && Boolean(a.italic) === Boolean(b.italic) && Boolean(a.strike) === Boolean(b.strike);
}

/** Splits mrkdwn into lines (quoted or not) and ``` code blocks, each line parsed into inlines. */
export function parseMrkdwn(text: string, lookup: NameLookup = {}): MrkdwnBlock[] {
  const blocks: MrkdwnBlock[] = [];
  const addLines = (chunk: string) => {
    for (const line of chunk.split('\n')) {
      const quote = /^(&gt;|>)\s?/.exec(line);
      blocks.push({ kind: 'line', quote: Boolean(quote), inlines: parseLine(quote ? line.slice(quote[0].length) : line, lookup) });
    }
  };
  let last = 0;
  for (const m of text.matchAll(/```([\s\S]*?)```/g)) {
    // The newline right before or after a fence belongs to the fence, not to an empty line.
    const before = text.slice(last, m.index).replace(/\n$/, '');
    if (m.index > last) addLines(before);
    blocks.push({ kind: 'codeblock', text: unescapeEntities(m[1].replace(/^\n/, '').replace(/\n$/, '')) });
    last = m.index + m[0].length;
    if (text[last] === '\n') last += 1;
  }
  if (last < text.length || last === 0) addLines(text.slice(last));
  return blocks;
}

/** A URL short enough to read in a line: no scheme, no trailing slash, cut with "…". */
export function shortUrl(url: string, max = 40): string {
  const bare = url.replace(/^https?:\/\//, '').replace(/^mailto:/, '').replace(/\/$/, '');
  return bare.length > max ? `${bare.slice(0, max - 1)}…` : bare;
}

/** The plain words of a text object (plain_text or mrkdwn), for labels and buttons. */
export function plainText(obj: unknown, lookup: NameLookup = {}): string {
  if (!obj || typeof obj !== 'object') return typeof obj === 'string' ? obj : '';
  const t = obj as { type?: string; text?: unknown };
  if (typeof t.text !== 'string') return '';
  if (t.type !== 'mrkdwn') return emojify(t.text);
  return parseMrkdwn(t.text, lookup)
    .map((b) => (b.kind === 'codeblock' ? b.text : b.inlines.map((i) => (i.kind === 'link' ? i.label : i.text)).join('')))
    .join('\n');
}

const escapeForMrkdwn = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A rich_text block said in mrkdwn, so it is drawn by the same code as everything else. */
export function richTextToMrkdwn(block: any): string {
  const inline = (els: any[]): string => (els ?? []).map((e: any) => {
    switch (e?.type) {
      case 'text': {
        let t = escapeForMrkdwn(String(e.text ?? ''));
        if (e.style?.code) t = `\`${t}\``;
        if (e.style?.bold) t = `*${t}*`;
        if (e.style?.italic) t = `_${t}_`;
        if (e.style?.strike) t = `~${t}~`;
        return t;
      }
      case 'link': return `<${e.url}${e.text ? `|${escapeForMrkdwn(e.text)}` : ''}>`;
      case 'user': return `<@${e.user_id}>`;
      case 'channel': return `<#${e.channel_id}>`;
      case 'emoji': return `:${e.name}:`;
      default: return '';
    }
  }).join('');
  return (block?.elements ?? []).map((el: any) => {
    if (el?.type === 'rich_text_list') {
      return (el.elements ?? []).map((item: any, n: number) => `${el.style === 'ordered' ? `${n + 1}.` : '•'} ${inline(item.elements)}`).join('\n');
    }
    if (el?.type === 'rich_text_preformatted') return '```' + inline(el.elements).replace(/`/g, '') + '```';
    if (el?.type === 'rich_text_quote') return inline(el.elements).split('\n').map((l) => `> ${l}`).join('\n');
    return inline(el?.elements);
  }).join('\n');
}

/** Standard markdown (the `markdown` block) read as mrkdwn: close enough to draw it. */
export function markdownToMrkdwn(md: string): string {
  return md
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<$2|$1>')
    .replace(/\*\*(.+?)\*\*/g, '*$1*')
    .replace(/^#{1,6}\s+(.*)$/gm, '*$1*');
}

/** What a select shows once something is chosen (an option, a person, a channel), or ''. */
export function selectedLabel(el: any, names: NameLookup): string {
  if (el.initial_option) return plainText(el.initial_option.text, names);
  if (Array.isArray(el.initial_options) && el.initial_options.length) return el.initial_options.map((o: any) => plainText(o.text, names)).join(', ');
  const user = el.initial_user ?? (Array.isArray(el.initial_users) ? el.initial_users[0] : undefined);
  if (user) return `@${names.users?.[user] ?? user}`;
  const channel = el.initial_conversation ?? el.initial_channel;
  if (channel) return `#${names.channels?.[channel] ?? channel}`;
  return '';
}
