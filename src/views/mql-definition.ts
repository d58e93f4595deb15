import { context, header, section, type KnownBlock } from './blocks.ts';
import type { MqlRules } from '../domain/mql/rules.ts';
import { definitionLines, describeDefinition } from '../domain/mql/words.ts';

// The agreed lead definition in plain words: `/handoff mql` and the change announcement.



export const NO_DEFINITION = 'No lead definition is set (MQL_RULES): every lead qualifies.';
export const HELD_EXPLAINED =
  'A lead that misses it is *held*: stored, not sent to a rep, and listed once a day in the marketing channel, where an admin can release it to its owner.';

function definitionBody(rules: MqlRules): string[] {
  const words = describeDefinition(rules);
  const parts: string[] = [];
  parts.push(
    words.rules.length > 0
      ? `A lead qualifies when it meets *all* of these:\n${words.rules.map((r) => `• ${r}`).join('\n')}`
      : 'The definition sets no rules: every lead qualifies.',
  );
  if (words.campaigns.length > 0) {
    parts.push(
      `*Per campaign* (these replace the rules above for leads from that campaign; the others still apply):\n${words.campaigns
        .map((c) => `• \`${c.key}\`: ${c.rules.length > 0 ? c.rules.join('; ') : 'no changes'}`)
        .join('\n')}`,
    );
  }
  return parts;
}

/** `/handoff mql`: what both teams agreed a qualified lead is. */
export function definitionMessage(rules: MqlRules | undefined): { text: string; blocks: KnownBlock[] } {
  if (!rules) return { text: NO_DEFINITION, blocks: [section(NO_DEFINITION)] };
  const body = definitionBody(rules);
  return {
    text: `The lead definition sales and marketing agreed:\n${definitionLines(rules).join('\n')}`,
    blocks: [header('The lead definition sales and marketing agreed'), ...body.map(section), context(HELD_EXPLAINED)],
  };
}

export interface DefinitionChange {
  /** The definition announced last time; undefined when none was set. */
  before: MqlRules | undefined;
  after: MqlRules | undefined;
  /** Nothing was ever announced before. */
  first: boolean;
}

/** The notice to both teams when the definition changed (or was set for the first time). */
export function definitionChangeMessage(change: DefinitionChange): { text: string; blocks: KnownBlock[] } {
  const now = change.after ? definitionBody(change.after) : [NO_DEFINITION];
  if (change.first) {
    return {
      text: `The lead definition is now:\n${definitionLines(change.after).join('\n')}`,
      blocks: [header('The lead definition is now set'), ...now.map(section), context(`${HELD_EXPLAINED} Type \`/handoff mql\` to see it any time.`)],
    };
  }
  const before = change.before ? definitionBody(change.before) : [NO_DEFINITION];
  return {
    text: `The lead definition changed.\nBefore:\n${definitionLines(change.before).join('\n')}\nNow:\n${definitionLines(change.after).join('\n')}`,
    blocks: [
      header('The lead definition changed'),
      section('*Now*'),
      ...now.map(section),
      { type: 'divider' },
      section('*Before*'),
      ...before.map(section),
      context('It applies to leads arriving from now on; leads already held stay held until released. Type `/handoff mql` to see it any time.'),
    ],
  };
}
