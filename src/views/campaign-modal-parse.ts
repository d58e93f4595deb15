import { z } from 'zod';
import {
  campaignKey,
  END_BEFORE_START,
  endsBeforeStart,
  isoDate,
  LIMITS,
  repeatedUrls,
  STAGES,
  urlProblem,
  type AssetInput,
  type Stage,
} from '../domain/campaigns/brief.ts';
import { CAMPAIGN_BRIEF_BLOCKS as B, CAMPAIGN_BRIEF_INPUT } from './ids.ts';

/** What a valid brief form says. A field left undefined was not in the form (kept as stored). */
export interface BriefForm {
  key?: string;
  name: string;
  goal: string | null;
  audience: string | null;
  stage: Stage | null;
  offer: string | null;
  keyMessages?: string[];
  talkingPoints?: string[];
  assets?: AssetInput[];
  startsOn: string | null;
  endsOn: string | null;
  /** null when nobody was chosen. */
  ownerSlackId: string | null;
}

export type BriefFormResult = { ok: true; form: BriefForm } | { ok: false; errors: Record<string, string> };

const stateValue = z
  .object({
    type: z.string().optional(),
    value: z.string().nullish(),
    selected_date: z.string().nullish(),
    selected_user: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
  })
  .loose();
const stateSchema = z.record(z.string(), z.record(z.string(), stateValue));
type StateValue = z.infer<typeof stateValue>;

const FIELD_BLOCK: Record<string, string> = {
  key: B.key, name: B.name, goal: B.goal, audience: B.audience, stage: B.stage, offer: B.offer,
  keyMessages: B.keyMessages, talkingPoints: B.talkingPoints, assets: B.assets,
  startsOn: B.startsOn, endsOn: B.endsOn, ownerSlackId: B.owner,
};
const FIELD_LABEL: Record<string, string> = {
  key: 'The key', name: 'The name', goal: 'The goal', audience: 'The audience', stage: 'The stage', offer: 'The offer',
  keyMessages: 'Key messages', talkingPoints: 'Talking points', assets: 'Content assets',
  startsOn: 'The start date', endsOn: 'The end date', ownerSlackId: 'The owner',
};

const optionalText = (max: number) =>
  z.string().nullable().transform((s) => (s?.trim() ? s.trim() : null)).pipe(z.string().max(max, `must be at most ${max} characters`).nullable());

/** Numbered lines of a multi-line input, blanks dropped but counted, so messages can say "line 3". */
function numberedLines(text: string | null): Array<{ n: number; line: string }> {
  return (text ?? '')
    .split(/\r?\n/)
    .map((line, i) => ({ n: i + 1, line: line.trim() }))
    .filter((l) => l.line !== '');
}

const linesField = z.string().nullable().transform((text, ctx) => {
  // People paste bullet lists; the bullet is not part of the message.
  const lines = numberedLines(text).map((l) => ({ ...l, line: l.line.replace(/^([•◦▪‣*-]|\d+[.)])\s+/, '') }));
  if (lines.length > LIMITS.listItems) ctx.addIssue({ code: 'custom', message: `can hold at most ${LIMITS.listItems} lines (this has ${lines.length})` });
  const long = lines.find((l) => l.line.length > LIMITS.listItem);
  if (long) ctx.addIssue({ code: 'custom', message: `: line ${long.n} is longer than ${LIMITS.listItem} characters` });
  return lines.map((l) => l.line);
});

/** Splits an asset line on `|`, reading `\|` as a `|` inside a part and `\\` as a backslash (as the edit form writes them). */
function splitAssetLine(line: string): string[] {
  const parts: string[] = [];
  let part = '';
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    const next = line[i + 1];
    if (c === '\\' && (next === '|' || next === '\\')) {
      part += next;
      i += 1;
    } else if (c === '|') {
      parts.push(part.trim());
      part = '';
    } else part += c;
  }
  parts.push(part.trim());
  return parts;
}

/** Parses `Title | URL | kind` lines, naming each bad line. */
export function parseAssetLines(text: string | null): { assets: AssetInput[]; problems: string[] } {
  const assets: AssetInput[] = [];
  const lineOf: number[] = [];
  const problems: string[] = [];
  for (const { n, line } of numberedLines(text)) {
    const parts = splitAssetLine(line);
    if (parts.length < 2 || parts.length > 3 || !parts[0] || !parts[1]) {
      problems.push(`line ${n} is not "Title | URL | kind"`);
      continue;
    }
    const [title, url, kind] = parts;
    const bad = urlProblem(url);
    if (bad) problems.push(`line ${n}: the URL ${bad}`);
    else if (title.length > LIMITS.assetTitle) problems.push(`line ${n}: the title is longer than ${LIMITS.assetTitle} characters`);
    else if (kind && kind.length > LIMITS.assetKind) problems.push(`line ${n}: the kind is longer than ${LIMITS.assetKind} characters`);
    else {
      assets.push({ title, url, kind: kind || null });
      lineOf.push(n);
    }
  }
  for (const { index, firstIndex } of repeatedUrls(assets)) problems.push(`line ${lineOf[index]} repeats the URL of line ${lineOf[firstIndex]}`);
  if (assets.length > LIMITS.assets) problems.push(`at most ${LIMITS.assets} assets (this has ${assets.length})`);
  return { assets, problems };
}

const assetsField = z.string().nullable().transform((text, ctx) => {
  const { assets, problems } = parseAssetLines(text);
  if (problems.length > 0) {
    const shown = problems.slice(0, 3).join('; ') + (problems.length > 3 ? `; and ${problems.length - 3} more` : '');
    ctx.addIssue({ code: 'custom', message: `: ${shown}. Write one asset per line as Title | URL | kind, with an http(s) URL.` });
  }
  return assets;
});

const formSchema = z.object({
  key: campaignKey.optional(),
  name: z.string({ error: 'is required' }).trim().min(1, 'is required').max(LIMITS.name, `must be at most ${LIMITS.name} characters`),
  goal: optionalText(LIMITS.text),
  audience: optionalText(LIMITS.text),
  stage: z.enum(STAGES, { error: 'must be awareness, consideration or decision' }).nullable(),
  offer: optionalText(LIMITS.text),
  keyMessages: linesField.optional(),
  talkingPoints: linesField.optional(),
  assets: assetsField.optional(),
  startsOn: isoDate.nullable(),
  endsOn: isoDate.nullable(),
  ownerSlackId: z.string().regex(/^[UW][A-Z0-9]+$/, 'must be a person').nullable(),
});

/** Reads the brief form; every bad field comes back as an error on its input block. */
export function parseBriefForm(values: unknown, mode: 'create' | 'edit'): BriefFormResult {
  const state = stateSchema.safeParse(values);
  if (!state.success) return { ok: false, errors: { [B.name]: 'Handoff could not read this form. Close it and open it again.' } };
  const present = (blockId: string) => state.data[blockId]?.[CAMPAIGN_BRIEF_INPUT] !== undefined;
  const cell = (blockId: string): StateValue | undefined => state.data[blockId]?.[CAMPAIGN_BRIEF_INPUT];
  const text = (blockId: string) => cell(blockId)?.value ?? null;
  // Absent from the form (edit mode shows some long lists read-only): keep what is stored.
  const lines = (blockId: string) => (mode === 'edit' && !present(blockId) ? undefined : text(blockId));

  const raw = {
    key: mode === 'create' ? (text(B.key) ?? '') : undefined,
    name: text(B.name) ?? '',
    goal: text(B.goal),
    audience: text(B.audience),
    stage: cell(B.stage)?.selected_option?.value ?? null,
    offer: text(B.offer),
    keyMessages: lines(B.keyMessages),
    talkingPoints: lines(B.talkingPoints),
    assets: lines(B.assets),
    startsOn: cell(B.startsOn)?.selected_date ?? null,
    endsOn: cell(B.endsOn)?.selected_date ?? null,
    ownerSlackId: cell(B.owner)?.selected_user ?? null,
  };
  const parsed = formSchema.safeParse(raw);
  const issues = parsed.success ? [] : [...parsed.error.issues];
  if (endsBeforeStart(raw.startsOn, raw.endsOn)) issues.push({ code: 'custom', path: ['endsOn'], message: END_BEFORE_START, input: raw.endsOn });
  if (parsed.success && issues.length === 0) return { ok: true, form: parsed.data };

  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'name');
    const blockId = FIELD_BLOCK[field] ?? B.name;
    if (errors[blockId]) continue;
    const message = issue.message.startsWith(':') ? `${FIELD_LABEL[field]}${issue.message}` : `${FIELD_LABEL[field]} ${issue.message}`;
    errors[blockId] = /[.!?]$/.test(message) ? message : `${message}.`;
  }
  return { ok: false, errors };
}

