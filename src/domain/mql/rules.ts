/** The lead definition both teams agreed (SPEC "Shared lead definition"). (Implemented by the MQL feature.) */
export interface MqlRules {
  min_score?: number;
  required?: string[];
  stages?: string[];
  exclude_email_domains?: string[];
  require_activity?: string[];
  campaigns?: Record<string, Omit<MqlRules, 'campaigns'>>;
}

export interface LeadFacts {
  email: string;
  score: number | null;
  stage: string | null;
  campaign: string | null;
  activities: { type: string }[];
  /** Top-level lead attributes and `fields`, for `required`. */
  values: Record<string, unknown>;
}

export interface Qualification {
  qualified: boolean;
  /** Plain-words rules the lead met, e.g. "score 72 ≥ 60". */
  met: string[];
  /** Plain-words rules it failed; empty when qualified. */
  failed: string[];
}

/** Reads and validates the MQL_RULES file; undefined when unset. Throws an Error naming every problem. */
export function loadMqlRules(path: string | undefined): MqlRules | undefined {
  if (!path) return undefined;
  return undefined;
}

export function qualify(rules: MqlRules | undefined, _lead: LeadFacts): Qualification {
  if (!rules) return { qualified: true, met: [], failed: [] };
  return { qualified: true, met: [], failed: [] };
}
