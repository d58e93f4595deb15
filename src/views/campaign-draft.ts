import { isCalendarDate, LIMITS, STAGES, urlProblem, type AssetInput } from '../domain/campaigns/brief.ts';
import type { BriefDraft } from './campaign-modal.ts';

// "Save as campaign brief": a first draft of the form from a message someone already wrote.
// Recognises labelled lines ("Goal: …", "Key messages:" followed by bullets, links as assets);
// whatever it cannot place goes into the goal, so nothing the author wrote is lost.

type Field = 'key' | 'name' | 'goal' | 'audience' | 'stage' | 'offer' | 'keyMessages' | 'talkingPoints' | 'assets' | 'startsOn' | 'endsOn' | 'dates';

const LABELS: Array<[RegExp, Field]> = [
  [/^(campaign )?key$/, 'key'],
  [/^(campaign( name)?|name)$/, 'name'],
  [/^(goal|objective|why)$/, 'goal'],
  [/^(audience|persona|who|target audience)$/, 'audience'],
  [/^(buying )?stage$/, 'stage'],
  [/^offer$/, 'offer'],
  [/^((key )?messages?|key messaging|messaging)$/, 'keyMessages'],
  [/^talking points?$/, 'talkingPoints'],
  [/^(content( assets)?|assets?|links?|resources)$/, 'assets'],
  [/^(starts?( on)?|start date|launch(es)?)$/, 'startsOn'],
  [/^(ends?( on)?|end date)$/, 'endsOn'],
  [/^(dates?|when|runs?)$/, 'dates'],
];
const LIST_FIELDS = new Set<Field>(['keyMessages', 'talkingPoints', 'assets']);

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Drops mrkdwn emphasis and turns <url|label> into its label. */
function plainText(text: string): string {
  return text.replace(/<(https?:\/\/[^|>]+)\|([^>]+)>/g, '$2').replace(/<(https?:\/\/[^>]+)>/g, '$1').replace(/[*_~]/g, '').trim();
}

function labelOf(line: string): { field: Field; rest: string } | undefined {
  const m = /^[\s*_•-]*([A-Za-z][A-Za-z ]{1,24}?)[\s*_]*:[*_]*\s*(.*)$/.exec(line);
  if (!m) return undefined;
  const label = m[1].trim().toLowerCase();
  const found = LABELS.find(([re]) => re.test(label));
  return found ? { field: found[1], rest: m[2].trim() } : undefined;
}

function assetsIn(line: string): AssetInput[] {
  const found: AssetInput[] = [];
  for (const m of line.matchAll(/<(https?:\/\/[^|>]+)(?:\|([^>]+))?>/g)) {
    const before = plainText(line.slice(0, m.index).replace(/^[\s•*-]+/, '')).replace(/[:–—-]\s*$/, '').trim();
    found.push({ title: (m[2] ?? before) || m[1], url: m[1], kind: null });
  }
  if (found.length === 0) {
    const pipe = line.replace(/^[\s•*-]+/, '').split('|').map((p) => plainText(p));
    if (pipe.length >= 2 && !urlProblem(pipe[1])) found.push({ title: pipe[0] || pipe[1], url: pipe[1], kind: pipe[2] || null });
  }
  return found.filter((a) => !urlProblem(a.url)).map((a) => ({ ...a, title: a.title.slice(0, LIMITS.assetTitle) }));
}

export function slugify(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, LIMITS.key).replace(/-+$/, '');
}

const ISO_DAY = /\d{4}-\d{2}-\d{2}/g;
const validDays = (text: string) => (text.match(ISO_DAY) ?? []).filter(isCalendarDate);

export function draftFromMessage(text: string): BriefDraft {
  const lines = decodeEntities(text).split(/\r?\n/);
  const single: Partial<Record<Field, string>> = {};
  const lists: Record<'keyMessages' | 'talkingPoints', string[]> = { keyMessages: [], talkingPoints: [] };
  const assets: AssetInput[] = [];
  const loose: string[] = [];
  let listField: Field | undefined;

  for (const raw of lines) {
    const line = raw.trim();
    if (!line) { listField = undefined; continue; }
    const label = labelOf(line);
    if (label) {
      listField = LIST_FIELDS.has(label.field) ? label.field : undefined;
      if (label.field === 'assets') assets.push(...assetsIn(label.rest));
      else if (label.field === 'keyMessages' || label.field === 'talkingPoints') { if (label.rest) lists[label.field].push(plainText(label.rest)); }
      else single[label.field] = plainText(label.rest);
      continue;
    }
    const lineAssets = assetsIn(line);
    // "Deck: <url|Summit deck>" or a bare link is an asset; a sentence with a link in it is not.
    const outside = plainText(line.replace(/<[^>]+>/g, '')).replace(/^[•*-]\s*/, '');
    if (listField === 'assets' || (lineAssets.length > 0 && (outside.length < 3 || /[:–—-]$/.test(outside)))) {
      assets.push(...lineAssets);
      continue;
    }
    if (listField === 'keyMessages' || listField === 'talkingPoints') {
      lists[listField].push(plainText(line).replace(/^([•◦▪‣*-]|\d+[.)])\s+/, ''));
      continue;
    }
    assets.push(...lineAssets);
    loose.push(plainText(line));
  }

  const name = single.name || loose.shift() || '';
  const goal = single.goal || loose.join('\n') || null;
  const dates = validDays(single.dates ?? '');
  const stage = STAGES.find((s) => (single.stage ?? '').toLowerCase().includes(s)) ?? null;
  const unique = assets.filter((a, i) => assets.findIndex((b) => b.url === a.url) === i);
  return {
    key: slugify(single.key || name),
    name: name.slice(0, LIMITS.name),
    goal: goal?.slice(0, LIMITS.text) ?? null,
    audience: single.audience || null,
    stage,
    offer: single.offer || null,
    keyMessages: lists.keyMessages.filter(Boolean),
    talkingPoints: lists.talkingPoints.filter(Boolean),
    assets: unique,
    startsOn: validDays(single.startsOn ?? '')[0] ?? dates[0] ?? null,
    endsOn: validDays(single.endsOn ?? '')[0] ?? dates[1] ?? null,
  };
}
