import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { foldWord } from '../fold.ts';

// Leads name their campaign however their tool does: Marketo sends the program's name ("Q4 AI
// Readiness Webinar"), HubSpot a UTM value, a CRM its own id. A brief is found by its key, its
// name or one of its aliases, compared with case, spaces, dashes and punctuation folded away.

export { foldWord as foldCampaignWord } from '../fold.ts';

/** A valid brief key made from a campaign's name: what marketing is offered for a campaign with no brief. */
export function keyFromName(name: string): string {
  const key = name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64).replace(/-+$/, '');
  return key || 'campaign';
}

/**
 * Folded word → brief key, for every brief (archived ones too: leads naming them still bring
 * them to their rep). Keys win over names, names over aliases, so a brief's own key is never
 * taken by another's alias.
 */
export async function campaignKeysByWord(db: Kysely<Database>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('campaigns').select(['key', 'name', 'aliases']).orderBy('id').execute();
  const byWord = new Map<string, string>();
  const add = (word: string, key: string) => {
    const folded = foldWord(word);
    if (folded && !byWord.has(folded)) byWord.set(folded, key);
  };
  for (const r of rows) add(r.key, r.key);
  for (const r of rows) add(r.name, r.key);
  for (const r of rows) for (const alias of parseAliases(r.aliases)) add(alias, r.key);
  return byWord;
}

export function parseAliases(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((a): a is string => typeof a === 'string') : [];
  } catch {
    return [];
  }
}
