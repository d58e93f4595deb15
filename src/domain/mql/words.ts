import type { MqlRules } from './rules.ts';

export type BaseRules = Omit<MqlRules, 'campaigns'>;

// Activity types as people say them; unknown types read as their own words.
const ACTIVITY_WORDS: Record<string, string> = {
  downloaded: 'downloaded content',
  download: 'downloaded content',
  registered: 'registered',
  attended: 'attended an event',
  requested_demo: 'requested a demo',
  demo_requested: 'requested a demo',
  contact_request: 'asked to be contacted',
  visited: 'visited the site',
  pricing_page: 'viewed pricing',
  trial: 'started a trial',
  webinar: 'attended a webinar',
};

export function activityWords(type: string): string {
  return ACTIVITY_WORDS[type.toLowerCase()] ?? type.replace(/[_-]+/g, ' ');
}

/** "a", "a or b", "a, b or c" */
export function joinWords(items: string[], last: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}`;
}

export function formatScore(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/** One plain-words line per rule, in the file's order of keys. */
export function describeRules(rules: BaseRules): string[] {
  const lines: string[] = [];
  if (rules.min_score !== undefined) lines.push(`score ${formatScore(rules.min_score)} or more`);
  if (rules.required && rules.required.length > 0) lines.push(`has ${joinWords(rules.required, 'and')}`);
  if (rules.stages) lines.push(`buying stage is ${joinWords(rules.stages, 'or')}`);
  if (rules.exclude_email_domains && rules.exclude_email_domains.length > 0) {
    lines.push(`email is not at ${joinWords(rules.exclude_email_domains, 'or')} (nor their subdomains)`);
  }
  if (rules.require_activity) {
    lines.push(`did at least one of: ${joinWords([...new Set(rules.require_activity.map(activityWords))], 'or')}`);
  }
  return lines;
}

export interface DefinitionWords {
  /** False when MQL_RULES is unset. */
  set: boolean;
  /** The base rules, one line each; empty when every lead qualifies. */
  rules: string[];
  /** Per-campaign overrides: only what each changes. */
  campaigns: { key: string; rules: string[] }[];
}

export function describeDefinition(rules: MqlRules | undefined): DefinitionWords {
  if (!rules) return { set: false, rules: [], campaigns: [] };
  const { campaigns, ...base } = rules;
  return {
    set: true,
    rules: describeRules(base),
    campaigns: Object.entries(campaigns ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, override]) => ({ key, rules: describeRules(override) })),
  };
}

/** The definition as plain text lines, for messages and the announcement's before/after. */
export function definitionLines(rules: MqlRules | undefined): string[] {
  const words = describeDefinition(rules);
  if (!words.set) return ['No lead definition is set: every lead qualifies.'];
  const lines = words.rules.length > 0 ? ['A lead qualifies when it meets all of these:', ...words.rules.map((r) => `• ${r}`)] : ['The definition sets no rules: every lead qualifies.'];
  if (words.campaigns.length > 0) {
    lines.push('Per campaign (these replace the rules above for that campaign; the rest still apply):');
    for (const c of words.campaigns) lines.push(`• ${c.key}: ${c.rules.length > 0 ? c.rules.join('; ') : 'no changes'}`);
  }
  return lines;
}

/** "Ada Lovelace (Analytical Engines)", or the email when there is no name. */
export function leadLabel(lead: { id: string; name: string | null; email: string | null; company: string | null }): string {
  const who = lead.name?.trim() || lead.email || `Lead ${lead.id}`;
  return lead.company?.trim() ? `${who} (${lead.company.trim()})` : who;
}
