// Block Kit as a person would read it in a terminal: headers, sections, two-column fields,
// dimmed context, dividers, and interactive elements drawn as `[ Accept ]`.

import { emojify, markdownToMrkdwn, parseMrkdwn, plainText, richTextToMrkdwn, selectedLabel, shortUrl, type Inline, type NameLookup } from './mrkdwn.ts';
import { displayWidth, hardWrap, padEnd, painter, wrapRuns, type Painter, type Run } from './terminal.ts';

export interface RenderableMessage { text?: string; blocks?: any[] }

export interface TextRenderOptions {
  /** columns available; lines are wrapped to it (default 80) */
  width?: number;
  /** ANSI colours and styles; the caller decides (TTY and NO_COLOR), default off */
  color?: boolean;
  names?: NameLookup;
}

interface Ctx { width: number; p: Painter; color: boolean; names: NameLookup }

function context(opts: TextRenderOptions): Ctx {
  return { width: Math.max(24, opts.width ?? 80), p: painter(Boolean(opts.color)), color: Boolean(opts.color), names: opts.names ?? {} };
}

function inlineRuns(inlines: Inline[], ctx: Ctx, base: (s: string) => string = (s) => s): Run[] {
  const { p } = ctx;
  return inlines.map((i) => {
    const styled = (s: string) => {
      let out = s;
      if (i.style.bold) out = p.bold(out);
      if (i.style.italic) out = p.italic(out);
      if (i.style.strike) out = p.strike(out);
      return base(out);
    };
    switch (i.kind) {
      case 'code':
        return { text: i.text, paint: (s: string) => styled(p.cyan(s)) };
      case 'mention':
        return { text: i.text, paint: (s: string) => styled(p.blue(s)) };
      case 'link': {
        const short = shortUrl(i.url);
        const label = i.label === i.url || i.url.startsWith('mailto:') ? (i.url.startsWith('mailto:') ? i.label : short) : i.label;
        const suffix = label === short || i.url.startsWith('mailto:') ? '' : ` (${short})`;
        return { text: label + suffix, paint: (s: string) => styled(p.underline(p.blue(s))) };
      }
      default:
        return { text: i.text, paint: styled };
    }
  });
}

/** mrkdwn text wrapped to a width: quotes get a bar, code blocks an indent. */
export function mrkdwnLines(text: string, width: number, ctx: Ctx, base?: (s: string) => string): string[] {
  const out: string[] = [];
  for (const block of parseMrkdwn(text, ctx.names)) {
    if (block.kind === 'codeblock') {
      // Preformatted: keep the spacing, only cut lines that do not fit.
      for (const line of block.text.split('\n')) {
        out.push(...hardWrap(line, width - 2).map((piece) => `  ${ctx.p.cyan(piece)}`));
      }
      continue;
    }
    const bar = block.quote ? `${ctx.p.dim('│')} ` : '';
    const room = width - (block.quote ? 2 : 0);
    // Leading spaces stay (Slack keeps them) and a list item's wrapped lines hang under its text.
    const first = block.inlines[0]?.kind === 'text' ? (block.inlines[0] as Extract<Inline, { kind: 'text' }>) : undefined;
    const lead = first ? /^([^\S\n]*)((?:[•◦▪‣-]|\d{1,3}[.)])[^\S\n]+)?/.exec(first.text)! : undefined;
    const indent = lead?.[1] ?? '';
    const hang = indent.length + displayWidth(lead?.[2] ?? '');
    const inlines = first && indent ? [{ ...first, text: first.text.slice(indent.length) }, ...block.inlines.slice(1)] : block.inlines;
    const wrapped = wrapRuns(inlineRuns(inlines, ctx, base), Math.max(10, room - hang));
    out.push(...wrapped.map((l, i) => bar + (i === 0 ? indent : ' '.repeat(hang)) + l));
  }
  return out;
}

function textObjectLines(obj: any, width: number, ctx: Ctx, base?: (s: string) => string): string[] {
  if (!obj || typeof obj.text !== 'string') return [];
  if (obj.type === 'mrkdwn') return mrkdwnLines(obj.text, width, ctx, base);
  return wrapRuns([{ text: emojify(obj.text), paint: base ?? ((s) => s) }], width);
}

/** One interactive element as it looks in a message: `[ Accept ]`, `[ Choose… ▾ ]`. */
export function elementChip(el: any, ctx: Ctx): Run | undefined {
  const { p } = ctx;
  const label = (obj: any, fallback: string) => plainText(obj, ctx.names) || fallback;
  switch (el?.type) {
    case 'button': {
      const text = `[ ${label(el.text, 'Button')}${el.url ? ' ↗' : ''} ]`;
      const paint = el.style === 'primary' ? (s: string) => p.bold(p.green(s)) : el.style === 'danger' ? (s: string) => p.bold(p.red(s)) : p.bold;
      return { text, paint, atomic: true };
    }
    case 'static_select':
    case 'external_select':
    case 'users_select':
    case 'conversations_select':
    case 'channels_select':
    case 'multi_static_select':
    case 'multi_users_select':
    case 'multi_external_select':
    case 'multi_conversations_select':
    case 'multi_channels_select': {
      const chosen = selectedLabel(el, ctx.names);
      return { text: `[ ${chosen || label(el.placeholder, 'Choose…')} ▾ ]`, paint: (s) => s, atomic: true };
    }
    case 'overflow':
      return { text: '[ ⋯ ]', paint: (s) => s, atomic: true };
    case 'datepicker':
      return { text: `[ 📅 ${el.initial_date ?? label(el.placeholder, 'Pick a date')} ▾ ]`, paint: (s) => s, atomic: true };
    case 'timepicker':
      return { text: `[ 🕒 ${el.initial_time ?? label(el.placeholder, 'Pick a time')} ▾ ]`, paint: (s) => s, atomic: true };
    case 'image':
      return { text: `[image: ${el.alt_text ?? ''}]`, paint: p.dim, atomic: true };
    default:
      return el?.type ? { text: `[ ${el.type} ]`, paint: p.dim, atomic: true } : undefined;
  }
}

function optionLines(el: any, ctx: Ctx, width: number): string[] {
  const selected = new Set<string>([
    ...(el.initial_option ? [el.initial_option.value] : []),
    ...(Array.isArray(el.initial_options) ? el.initial_options.map((o: any) => o.value) : []),
  ]);
  const mark = (on: boolean) => (el.type === 'radio_buttons' ? (on ? '◉' : '○') : on ? '☑' : '☐');
  return (el.options ?? []).flatMap((o: any) => wrapRuns([{ text: `${mark(selected.has(o.value))} ${plainText(o.text, ctx.names)}`, paint: (s) => s }], width));
}

function inputLines(block: any, ctx: Ctx): string[] {
  const { p, width } = ctx;
  const el = block.element ?? {};
  const title = `${plainText(block.label, ctx.names)}${block.optional ? ' (optional)' : ''}:`;
  const out: string[] = [];
  if (el.type === 'plain_text_input' || el.type === 'email_text_input' || el.type === 'url_text_input' || el.type === 'number_input') {
    const value = el.initial_value ? String(el.initial_value) : '';
    const blank = el.multiline ? '_'.repeat(Math.min(40, width - 2)) : '______';
    if (el.multiline) {
      out.push(p.bold(title));
      // Typed text shows as what was typed; an empty box as lines to write on.
      if (value) out.push(...wrapRuns([{ text: value, paint: (s) => s }], width - 2).map((l) => `  ${l}`));
      else out.push(`  ${p.dim(blank)}`, `  ${p.dim(blank)}`);
    } else {
      const placeholder = !value && el.placeholder ? ` ${p.dim(`(${plainText(el.placeholder)})`)}` : '';
      out.push(...wrapRuns([{ text: title, paint: p.bold }, { text: ` ${value || blank}`, paint: value ? (s) => s : p.dim }], width).map((l, i) => (i === 0 ? l + placeholder : l)));
    }
  } else if (el.type === 'checkboxes' || el.type === 'radio_buttons') {
    out.push(p.bold(title), ...optionLines(el, ctx, width - 2).map((l) => `  ${l}`));
  } else {
    const chip = elementChip(el, ctx);
    out.push(...wrapRuns([{ text: title, paint: p.bold }, ...(chip ? [chip] : [])], width));
  }
  if (block.hint) out.push(...textObjectLines(block.hint, width - 2, ctx, p.dim).map((l) => `  ${l}`));
  return out;
}

function fieldsLines(fields: any[], ctx: Ctx): string[] {
  const gap = 3;
  const colWidth = Math.floor((ctx.width - gap) / 2);
  const rendered = fields.map((f) => textObjectLines(f, colWidth, ctx));
  const tall = rendered.some((r) => r.length > 1);
  const out: string[] = [];
  for (let i = 0; i < rendered.length; i += 2) {
    if (tall && i > 0) out.push('');
    const left = rendered[i];
    const right = rendered[i + 1] ?? [];
    for (let row = 0; row < Math.max(left.length, right.length); row++) {
      const l = left[row] ?? '';
      const r = right[row];
      out.push(r === undefined ? l : padEnd(l, colWidth + gap) + r);
    }
  }
  return out;
}

function blockLines(block: any, ctx: Ctx): string[] {
  const { p, width } = ctx;
  switch (block?.type) {
    case 'header': {
      const text = plainText(block.text, ctx.names);
      // Without styles a rule under the words is what marks them as a header.
      return ctx.color
        ? wrapRuns([{ text, paint: (s) => p.bold(p.underline(s)) }], width)
        : [...wrapRuns([{ text, paint: (s) => s }], width), '═'.repeat(Math.min(width, displayWidth(text)))];
    }
    case 'section': {
      const out = [...textObjectLines(block.text, width, ctx)];
      if (Array.isArray(block.fields) && block.fields.length) {
        if (out.length) out.push('');
        out.push(...fieldsLines(block.fields, ctx));
      }
      const acc = block.accessory;
      if (acc?.type === 'checkboxes' || acc?.type === 'radio_buttons') return [...out, ...optionLines(acc, ctx, width)];
      const chip = acc ? elementChip(acc, ctx) : undefined;
      if (chip) {
        const last = out.at(-1) ?? '';
        if (out.length && displayWidth(last) + 2 + displayWidth(chip.text) <= width) out[out.length - 1] = `${last}  ${chip.paint(chip.text)}`;
        else out.push(chip.paint(chip.text));
      }
      return out;
    }
    case 'context': {
      const runs: Run[] = [];
      for (const el of block.elements ?? []) {
        if (runs.length) runs.push({ text: '  ', paint: p.dim });
        if (el?.type === 'image') runs.push({ text: `[image: ${el.alt_text ?? ''}]`, paint: p.dim, atomic: true });
        else if (el?.type === 'mrkdwn') runs.push(...parseMrkdwn(String(el.text ?? ''), ctx.names).flatMap((b, i) => [
          ...(i > 0 ? [{ text: '\n', paint: p.dim }] : []),
          ...(b.kind === 'codeblock' ? [{ text: b.text, paint: p.dim }] : inlineRuns(b.inlines, ctx, p.dim)),
        ]));
        else runs.push({ text: emojify(String(el?.text ?? '')), paint: p.dim });
      }
      return wrapRuns(runs, width);
    }
    case 'divider':
      return [p.dim('─'.repeat(width))];
    case 'image': {
      const title = block.title ? ` ${plainText(block.title, ctx.names)}` : '';
      return wrapRuns([{ text: `[image: ${block.alt_text ?? ''}]${title}`, paint: p.dim }], width);
    }
    case 'actions': {
      const runs: Run[] = [];
      for (const el of block.elements ?? []) {
        if (el?.type === 'checkboxes' || el?.type === 'radio_buttons') {
          runs.push({ text: '\n', paint: (s) => s }, ...optionLines(el, ctx, width).map((l) => ({ text: `${l}\n`, paint: (s: string) => s })));
          continue;
        }
        const chip = elementChip(el, ctx);
        if (!chip) continue;
        if (runs.length) runs.push({ text: '  ', paint: (s) => s });
        runs.push(chip);
      }
      return wrapRuns(runs, width);
    }
    case 'input':
      return inputLines(block, ctx);
    case 'rich_text':
      return mrkdwnLines(richTextToMrkdwn(block), width, ctx);
    case 'markdown':
      return mrkdwnLines(markdownToMrkdwn(String(block.text ?? '')), width, ctx);
    case 'file':
      return [p.dim('[file]')];
    case 'video':
      return [p.dim(`[video: ${plainText(block.title, ctx.names)}]`)];
    default:
      return [p.dim(`[${block?.type ?? 'unknown'} block]`)];
  }
}

const SPACED = new Set(['section', 'header', 'image', 'input', 'rich_text', 'markdown']);

function joinBlocks(blocks: any[], ctx: Ctx): string[] {
  const out: string[] = [];
  let previous: string | undefined;
  for (const block of blocks) {
    const lines = blockLines(block, ctx);
    if (previous && SPACED.has(block?.type) && previous !== 'divider' && previous !== 'header') out.push('');
    out.push(...lines);
    previous = block?.type;
  }
  return out;
}

/** A message (text and/or blocks) as terminal text. Slack shows `text` only when there are no blocks. */
export function renderBlocksAsText(message: RenderableMessage, opts: TextRenderOptions = {}): string {
  const ctx = context(opts);
  const lines = Array.isArray(message.blocks) && message.blocks.length
    ? joinBlocks(message.blocks, ctx)
    : mrkdwnLines(message.text ?? '', ctx.width, ctx);
  return lines.map((l) => l.replace(/\s+$/, '')).join('\n');
}

/** A modal (title, blocks, Cancel / Submit) or a Home tab as terminal text. */
export function renderViewAsText(view: any, opts: TextRenderOptions = {}): string {
  const ctx = context(opts);
  const { p } = ctx;
  const out: string[] = [];
  // A Home tab has no title of its own; a modal's sits above a rule.
  if (view?.type !== 'home') {
    const title = plainText(view?.title, ctx.names) || 'Modal';
    out.push(p.bold(title), p.dim('─'.repeat(Math.min(ctx.width, Math.max(displayWidth(title), 24)))));
  }
  out.push(...joinBlocks(Array.isArray(view?.blocks) ? view.blocks : [], ctx));
  if (view?.type !== 'home') {
    const close = plainText(view?.close, ctx.names) || 'Cancel';
    const buttons = [`[ ${close} ]`, ...(view?.submit ? [p.bold(p.green(`[ ${plainText(view.submit, ctx.names)} ]`))] : [])].join('  ');
    out.push('', ' '.repeat(Math.max(0, ctx.width - displayWidth(buttons))) + buttons);
  }
  return out.map((l) => l.replace(/\s+$/, '')).join('\n');
}
