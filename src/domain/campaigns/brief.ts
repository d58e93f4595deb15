import { z } from 'zod';
import { UserFacingError } from '../../errors.ts';

// What a campaign brief is made of, and the rules every way in (modal, intake webhook) shares.

export const STAGES = ['awareness', 'consideration', 'decision'] as const;
export type Stage = (typeof STAGES)[number];

export const LIMITS = {
  key: 64,
  name: 150,
  text: 3000,
  listItems: 30,
  listItem: 500,
  assets: 50,
  assetTitle: 200,
  assetUrl: 3000,
  assetKind: 64,
} as const;

export const KEY_RULE = 'must be lowercase letters, digits and dashes (e.g. q4-ai-webinar), starting with a letter or digit';

/** Keys are matched case-insensitively against leads' `campaign`, so they are stored lower-cased. */
export const campaignKey = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a text such as q4-ai-webinar') })
  .trim()
  .toLowerCase()
  .min(1, 'is required')
  .max(LIMITS.key, `must be at most ${LIMITS.key} characters`)
  .regex(/^[a-z0-9][a-z0-9-]*$/, KEY_RULE);

export const isoDate = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a date as YYYY-MM-DD') })
  .trim()
  .refine((s) => isCalendarDate(s), 'must be a real date as YYYY-MM-DD');

export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Why a URL cannot be an asset's link, or undefined when it can. */
export function urlProblem(url: string): string | undefined {
  if (url.length > LIMITS.assetUrl) return `is longer than ${LIMITS.assetUrl} characters`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL (it must start with http:// or https://)';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'must start with http:// or https://';
  if (!parsed.hostname) return 'has no host name';
  return undefined;
}

export interface AssetInput {
  title: string;
  url: string;
  kind: string | null;
}

export interface BriefOwner {
  slackId: string | null;
  email: string | null;
}

/** Every field of a brief but its key. */
export interface BriefFields {
  name: string;
  goal: string | null;
  audience: string | null;
  stage: Stage | null;
  offer: string | null;
  keyMessages: string[];
  talkingPoints: string[];
  assets: AssetInput[];
  startsOn: string | null;
  endsOn: string | null;
  owner: BriefOwner;
  /** Other names leads may give for this campaign; kept as they are when left out. */
  aliases?: string[];
}

/** A change to a brief: a field left undefined keeps its stored value. */
export type BriefChanges = Partial<BriefFields> & { status?: 'active' | 'archived' };

export interface FieldProblem {
  path: string;
  message: string;
}

/** Raised when a key already names another campaign. */
export class CampaignKeyTaken extends UserFacingError {
  constructor(readonly key: string, readonly takenBy: { name: string; status: string }) {
    super(`The key \`${key}\` is already used by ${takenBy.status === 'archived' ? 'the archived campaign' : 'the campaign'} "${takenBy.name}".`, 'campaign_key_taken');
  }
}

/** Raised when a change is valid on its own but not with what is stored (e.g. an end date before the stored start). */
export class CampaignInvalid extends UserFacingError {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '), 'campaign_invalid');
  }
}

export const END_BEFORE_START = 'must be on or after the start date';

/**
 * Checked apart from the schema so it is reported together with every other bad field
 * (zod runs an object's own refinements only once all its fields are valid).
 */
export function endsBeforeStart(startsOn: unknown, endsOn: unknown): boolean {
  return typeof startsOn === 'string' && typeof endsOn === 'string' && isCalendarDate(startsOn.trim()) && isCalendarDate(endsOn.trim()) && endsOn.trim() < startsOn.trim();
}

/** Repeated URLs would be one asset twice (assets are matched by URL); the index of the first repeat of each, with the earlier index. */
export function repeatedUrls(assets: Pick<AssetInput, 'url'>[]): Array<{ index: number; firstIndex: number }> {
  const seen = new Map<string, number>();
  const repeats: Array<{ index: number; firstIndex: number }> = [];
  assets.forEach((a, index) => {
    const first = seen.get(a.url);
    if (first === undefined) seen.set(a.url, index);
    else repeats.push({ index, firstIndex: first });
  });
  return repeats;
}
