// The demo as one self-contained HTML page that reads like a Slack conversation: inline CSS,
// no scripts, no external assets, so it opens anywhere (also offline) and shows nothing it
// was not given. Every string from a message is escaped.

import type { DemoEntry, MessageEntry } from '../entries.ts';
import { blockHtml, escapeHtml, messageHtml, mrkdwnHtml } from './html.ts';
import { plainText, type NameLookup } from './mrkdwn.ts';
import { PAGE_CSS } from './page-css.ts';

export interface PageOptions {
  title?: string;
  /** shown under the title */
  subtitle?: string;
  names?: NameLookup;
  /** mrkdwn shown at the end (how to connect a real workspace) */
  footer?: string;
}

// Inline so the page needs no font or file for it.
const EYE_ICON = '<svg class="eye" viewBox="0 0 20 20" width="12" height="12" aria-hidden="true"><path fill="currentColor" d="M10 4C5.5 4 2.3 7.1 1 10c1.3 2.9 4.5 6 9 6s7.7-3.1 9-6c-1.3-2.9-4.5-6-9-6Zm0 10a4 4 0 1 1 0-8 4 4 0 0 1 0 8Zm0-6a2 2 0 1 0 0 4 2 2 0 0 0 0-4Z"/></svg>';

function clockTime(at: Date): string {
  const h = at.getUTCHours();
  const m = String(at.getUTCMinutes()).padStart(2, '0');
  return `${((h + 11) % 12) + 1}:${m} ${h < 12 ? 'AM' : 'PM'}`;
}

function avatar(): string {
  return '<div class="avatar" aria-hidden="true">H</div>';
}

function initials(name: string): string {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => [...w][0]!.toUpperCase()).join('') || '?';
}

function channelBar(where: string): string {
  const dm = /^DM\b/i.test(where);
  const icon = dm ? '<span class="ch-icon dm">●</span>' : '';
  const name = escapeHtml(dm ? where.replace(/^DM( to| with)?\s*/i, '') : where.replace(/^#/, ''));
  return `<div class="channel-bar">${dm ? icon : '<span class="ch-icon">#</span>'}<span class="ch-name">${name}</span>${dm ? '<span class="ch-kind">Direct message</span>' : ''}</div>`;
}

function messageRow(entry: MessageEntry, names: NameLookup): string {
  const ephemeral = entry.ephemeral ? `<div class="ephemeral-note">${EYE_ICON} Only visible to you</div>` : '';
  const edited = entry.partial
    ? ' <span class="edited">(edited — the part that changed)</span>'
    : entry.updated ? ' <span class="edited">(edited)</span>' : '';
  return `<div class="message${entry.ephemeral ? ' ephemeral' : ''}">${ephemeral}<div class="row">${avatar()}<div class="content">`
    + `<div class="meta"><span class="app-name">Handoff</span><span class="badge">APP</span>`
    + `<time datetime="${escapeHtml(entry.at.toISOString())}">${clockTime(entry.at)}</time>${edited}</div>`
    + `<div class="blocks">${messageHtml(entry.message, names)}</div></div></div></div>`;
}

function modalCard(view: any, who: string, names: NameLookup): string {
  const title = escapeHtml(plainText(view?.title, names) || 'Handoff');
  const close = escapeHtml(plainText(view?.close, names) || 'Cancel');
  const submit = view?.submit ? `<span class="btn primary" role="button">${escapeHtml(plainText(view.submit, names))}</span>` : '';
  const blocks = (Array.isArray(view?.blocks) ? view.blocks : []).map((b: any) => blockHtml(b, names)).join('');
  return `<div class="modal-backdrop"><div class="screen-of">On ${escapeHtml(who)}'s screen</div>`
    + `<div class="modal" role="dialog" aria-label="${title}"><div class="modal-head">${avatar()}<span class="modal-title">${title}</span><span class="modal-x">×</span></div>`
    + `<div class="modal-body">${blocks}</div>`
    + `<div class="modal-foot"><span class="btn" role="button">${close}</span>${submit}</div></div></div>`;
}

function homeCard(view: any, who: string, names: NameLookup): string {
  const blocks = (Array.isArray(view?.blocks) ? view.blocks : []).map((b: any) => blockHtml(b, names)).join('');
  return `<div class="window home"><div class="channel-bar">${avatar()}<span class="ch-name">Handoff</span>`
    + `<span class="tabs"><span class="tab on">Home</span><span class="tab">Messages</span></span><span class="ch-kind">${escapeHtml(who)}'s view</span></div>`
    + `<div class="home-body blocks">${blocks}</div></div>`;
}

function tableCard(entry: Extract<DemoEntry, { kind: 'table' }>): string {
  const head = entry.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const rows = entry.rows.length
    ? entry.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')
    : `<tr><td colspan="${entry.columns.length}" class="empty">(empty)</td></tr>`;
  return `<div class="api-card"><div class="api-title">${escapeHtml(entry.title)}</div><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

function stepHtml(number: number, caption: string, entries: DemoEntry[], names: NameLookup): string {
  const parts: string[] = [];
  let i = 0;
  while (i < entries.length) {
    const entry = entries[i];
    if (entry.kind === 'message') {
      // Messages in the same place share one channel window, as in Slack.
      const run: MessageEntry[] = [];
      while (i < entries.length && entries[i].kind === 'message' && (entries[i] as MessageEntry).where === entry.where) run.push(entries[i++] as MessageEntry);
      parts.push(`<div class="window">${channelBar(entry.where)}${run.map((m) => messageRow(m, names)).join('')}</div>`);
      continue;
    }
    if (entry.kind === 'modal') parts.push(modalCard(entry.view, entry.who, names));
    else if (entry.kind === 'home') parts.push(homeCard(entry.view, entry.who, names));
    // Time passing or a job running: not a person, so a divider line like Slack's day separator.
    else if (entry.kind === 'action' && !/\p{L}/u.test(entry.actor)) parts.push(`<div class="system"><span>${escapeHtml(entry.actor)} ${mrkdwnHtml(entry.text, names)}</span></div>`);
    else if (entry.kind === 'action') parts.push(`<div class="action"><span class="who-avatar">${escapeHtml(initials(entry.actor))}</span><span><strong>${escapeHtml(entry.actor)}</strong> ${mrkdwnHtml(entry.text, names)}</span></div>`);
    else parts.push(tableCard(entry));
    i += 1;
  }
  return `<section class="step"><h2><span class="step-n">${number}</span><span class="caption">${escapeHtml(caption)}</span></h2>${parts.join('')}</section>`;
}

/** The whole conversation as a standalone HTML document. */
export function renderConversationHtml(entries: DemoEntry[], opts: PageOptions = {}): string {
  const names = opts.names ?? {};
  const steps: Array<{ caption: string; entries: DemoEntry[] }> = [];
  for (const entry of entries) {
    const last = steps.at(-1);
    if (last && last.caption === entry.step) last.entries.push(entry);
    else steps.push({ caption: entry.step, entries: [entry] });
  }
  const title = opts.title ?? 'Handoff — demo conversation';
  const subtitle = opts.subtitle ? `<p class="subtitle">${escapeHtml(opts.subtitle)}</p>` : '';
  const footer = opts.footer ? `<footer class="next">${mrkdwnHtml(opts.footer, names)}</footer>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<header class="top"><div class="top-inner"><span class="logo">H</span><div><h1>${escapeHtml(title)}</h1>${subtitle}</div></div></header>
<main>
${steps.map((s, n) => stepHtml(n + 1, s.caption, s.entries, names)).join('\n')}
${footer}
</main>
</body>
</html>
`;
}
