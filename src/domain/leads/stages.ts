// CRMs name where a lead is in many words (HubSpot's lifecycle stages, MQL/SQL); Handoff's SLAs,
// rules and openers speak of three buying stages. The CRM's own word is kept beside the mapped one.
import { foldWord } from '../fold.ts';

export const BUYING_STAGES = ['awareness', 'consideration', 'decision'] as const;
export type BuyingStage = (typeof BUYING_STAGES)[number];

/** Built in: HubSpot's lifecycle stage values and the common funnel words, folded (see foldWord). */
export const BUILT_IN_STAGES: Record<string, BuyingStage> = {
  awareness: 'awareness',
  consideration: 'consideration',
  decision: 'decision',
  subscriber: 'awareness',
  lead: 'awareness',
  inquiry: 'awareness',
  prospect: 'awareness',
  marketingqualifiedlead: 'consideration',
  mql: 'consideration',
  salesacceptedlead: 'decision',
  sal: 'decision',
  salesqualifiedlead: 'decision',
  sql: 'decision',
  opportunity: 'decision',
  // Salesforce's Lead Rating picklist.
  hot: 'decision',
  warm: 'consideration',
  cold: 'awareness',
};


/** The buying stage for a CRM's word: STAGE_MAP first, then the built-in map; the word itself (lower-cased) when neither knows it. */
export function mapStage(word: string | null, stageMap: Record<string, BuyingStage>): string | null {
  if (word === null) return null;
  const folded = foldWord(word);
  return stageMap[folded] ?? BUILT_IN_STAGES[folded] ?? word.toLowerCase();
}

/** Parses STAGE_MAP (`crm_value=stage,…`): the map, or a message naming what is wrong. */
export function parseStageMap(text: string): Record<string, BuyingStage> | string {
  const map: Record<string, BuyingStage> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([^=]+)=(.+)$/.exec(part);
    const stage = m?.[2].trim().toLowerCase();
    if (!m || !foldWord(m[1])) return `"${part}" is not crm_value=stage`;
    if (!BUYING_STAGES.includes(stage as BuyingStage)) return `"${part}": the stage must be awareness, consideration or decision`;
    map[foldWord(m[1])] = stage as BuyingStage;
  }
  return map;
}
