// Block Kit as HTML that looks like Slack draws it. Every string that came from a message is
// escaped: lead names and notes are user input. Images are never fetched (the page is
// self-contained and must open offline), so they show as labelled placeholders.

import { emojify, markdownToMrkdwn, parseMrkdwn, plainText, richTextToMrkdwn, selectedLabel, shortUrl, type Inline, type NameLookup } from './mrkdwn.ts';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Only links a reader may safely follow; anything else (javascript:, data:) goes nowhere. */
function safeHref(url: string): string {
  return /^(https?:|mailto:)/i.test(url) ? escapeHtml(url) : '#';
}

function inlineHtml(i: Inline): string {
  let html: string;
  switch (i.kind) {
    case 'code':
      html = `<code>${escapeHtml(i.text)}</code>`;
      break;
    case 'mention':
      html = `<span class="mention">${escapeHtml(i.text)}</span>`;
      break;
    case 'link':
      html = `<a href="${safeHref(i.url)}" title="${escapeHtml(i.url)}">${escapeHtml(i.label === i.url ? shortUrl(i.url, 60) : i.label)}</a>`;
      break;
    default:
      html = escapeHtml(i.text);
  }
  if (i.style.strike) html = `<s>${html}</s>`;
  if (i.style.italic) html = `<em>${html}</em>`;
  if (i.style.bold) html = `<strong>${html}</strong>`;
  return html;
}

export function mrkdwnHtml(text: string, names: NameLookup): string {
  const out: string[] = [];
  let quote: string[] = [];
  const endQuote = () => {
    if (quote.length) out.push(`<blockquote>${quote.join('<br>')}</blockquote>`);
    quote = [];
  };
  const lines: string[] = [];
  for (const block of parseMrkdwn(text, names)) {
    if (block.kind === 'codeblock') {
      if (lines.length) out.push(lines.splice(0).join('<br>'));
      endQuote();
      out.push(`<pre>${escapeHtml(block.text)}</pre>`);
    } else if (block.quote) {
      if (lines.length) out.push(lines.splice(0).join('<br>'));
      quote.push(block.inlines.map(inlineHtml).join(''));
    } else {
      endQuote();
      lines.push(block.inlines.map(inlineHtml).join(''));
    }
  }
  if (lines.length) out.push(lines.join('<br>'));
  endQuote();
  return out.join('');
}

function textObjectHtml(obj: any, names: NameLookup): string {
  if (!obj || typeof obj.text !== 'string') return '';
  if (obj.type === 'mrkdwn') return mrkdwnHtml(obj.text, names);
  return escapeHtml(emojify(obj.text)).replace(/\n/g, '<br>');
}

const SELECTS = /^(multi_)?(static|external|users|conversations|channels)_select$/;

function elementHtml(el: any, names: NameLookup): string {
  const label = (obj: any, fallback: string) => escapeHtml(plainText(obj, names) || fallback);
  if (el?.type === 'button') {
    const style = el.style === 'primary' ? ' primary' : el.style === 'danger' ? ' danger' : '';
    return `<span class="btn${style}" role="button">${label(el.text, 'Button')}${el.url ? ' <span class="ext">↗</span>' : ''}</span>`;
  }
  if (SELECTS.test(el?.type ?? '')) {
    const chosen = selectedLabel(el, names);
    return `<span class="select${chosen ? '' : ' empty'}">${chosen ? escapeHtml(chosen) : label(el.placeholder, 'Choose…')}<span class="chev">▾</span></span>`;
  }
  if (el?.type === 'overflow') return '<span class="btn overflow" role="button">⋯</span>';
  if (el?.type === 'datepicker') return `<span class="select">📅 ${el.initial_date ? escapeHtml(String(el.initial_date)) : label(el.placeholder, 'Pick a date')}<span class="chev">▾</span></span>`;
  if (el?.type === 'timepicker') return `<span class="select">🕒 ${el.initial_time ? escapeHtml(String(el.initial_time)) : label(el.placeholder, 'Pick a time')}<span class="chev">▾</span></span>`;
  if (el?.type === 'image') return `<span class="img-ph small" title="${escapeHtml(String(el.alt_text ?? ''))}">▣</span>`;
  if (el?.type === 'checkboxes' || el?.type === 'radio_buttons') return optionsHtml(el, names);
  return `<span class="unknown">[${escapeHtml(String(el?.type ?? 'element'))}]</span>`;
}

function optionsHtml(el: any, names: NameLookup): string {
  const selected = new Set<string>([
    ...(el.initial_option ? [el.initial_option.value] : []),
    ...(Array.isArray(el.initial_options) ? el.initial_options.map((o: any) => o.value) : []),
  ]);
  const kind = el.type === 'radio_buttons' ? 'radio' : 'check';
  return `<div class="options">${(el.options ?? []).map((o: any) =>
    `<div class="option"><span class="${kind}${selected.has(o.value) ? ' on' : ''}"></span>${textObjectHtml(o.text, names)}</div>`).join('')}</div>`;
}

function inputHtml(block: any, names: NameLookup): string {
  const el = block.element ?? {};
  const optional = block.optional ? ' <span class="optional">(optional)</span>' : '';
  let control: string;
  if (/^(plain_text|email_text|url_text|number)_input$/.test(el.type ?? '')) {
    const value = el.initial_value ? escapeHtml(String(el.initial_value)) : '';
    const placeholder = !value && el.placeholder ? `<span class="placeholder">${escapeHtml(plainText(el.placeholder, names))}</span>` : '';
    control = `<div class="field${el.multiline ? ' multiline' : ''}">${value || placeholder}</div>`;
  } else if (el.type === 'checkboxes' || el.type === 'radio_buttons') {
    control = optionsHtml(el, names);
  } else {
    control = `<div class="field-select">${elementHtml(el, names)}</div>`;
  }
  const hint = block.hint ? `<div class="hint">${textObjectHtml(block.hint, names)}</div>` : '';
  return `<div class="b-input"><label>${escapeHtml(plainText(block.label, names))}${optional}</label>${control}${hint}</div>`;
}

export function blockHtml(block: any, names: NameLookup): string {
  switch (block?.type) {
    case 'header':
      return `<div class="b-header">${escapeHtml(plainText(block.text, names))}</div>`;
    case 'section': {
      const text = block.text ? `<div class="mrkdwn">${textObjectHtml(block.text, names)}</div>` : '';
      const fields = Array.isArray(block.fields) && block.fields.length
        ? `<div class="fields">${block.fields.map((f: any) => `<div class="mrkdwn">${textObjectHtml(f, names)}</div>`).join('')}</div>`
        : '';
      const accessory = block.accessory ? `<div class="accessory">${elementHtml(block.accessory, names)}</div>` : '';
      return `<div class="b-section"><div class="body">${text}${fields}</div>${accessory}</div>`;
    }
    case 'context':
      return `<div class="b-context">${(block.elements ?? []).map((el: any) =>
        el?.type === 'image' ? elementHtml(el, names) : `<span class="mrkdwn">${textObjectHtml(el, names)}</span>`).join('')}</div>`;
    case 'divider':
      return '<hr class="b-divider">';
    case 'image': {
      const title = block.title ? `<div class="img-title">${escapeHtml(plainText(block.title, names))}</div>` : '';
      return `<div class="b-image">${title}<div class="img-ph">image: ${escapeHtml(String(block.alt_text ?? ''))}</div></div>`;
    }
    case 'actions':
      return `<div class="b-actions">${(block.elements ?? []).map((el: any) => elementHtml(el, names)).join('')}</div>`;
    case 'input':
      return inputHtml(block, names);
    case 'rich_text':
      return `<div class="b-section"><div class="body mrkdwn">${mrkdwnHtml(richTextToMrkdwn(block), names)}</div></div>`;
    case 'markdown':
      return `<div class="b-section"><div class="body mrkdwn">${mrkdwnHtml(markdownToMrkdwn(String(block.text ?? '')), names)}</div></div>`;
    default:
      return `<div class="unknown">[${escapeHtml(String(block?.type ?? 'unknown'))} block]</div>`;
  }
}

/** A message's body: its blocks, or its text when it has none (as Slack shows it). */
export function messageHtml(message: { text?: string; blocks?: any[] }, names: NameLookup): string {
  if (Array.isArray(message.blocks) && message.blocks.length) return message.blocks.map((b) => blockHtml(b, names)).join('');
  return `<div class="b-section"><div class="body mrkdwn">${mrkdwnHtml(message.text ?? '', names)}</div></div>`;
}
