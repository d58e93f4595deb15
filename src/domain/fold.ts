/**
 * A word as CRMs write it, compared without case, spaces, dashes or punctuation: "Marketing
 * Qualified Lead", "marketing_qualified_lead" and "marketingqualifiedlead" are one word, as are
 * "Q4 AI Readiness Webinar" and "q4-ai-readiness-webinar".
 */
export function foldWord(word: string): string {
  return word.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]/g, '');
}
