// `/handoff routing`, `/handoff away` and `/handoff back` in words. Tests assert on these.

import type { RepState } from '../domain/routing/assign.ts';
import type { Routing } from '../domain/routing/rules.ts';
import { readableDate } from '../domain/hotleads/calendar.ts';
import { escapeMrkdwn as esc } from './text.ts';

export const ROUTING_TEXT = {
  none: 'No pools are set (ROUTING): a lead nobody owns is offered in the sales channel, and the first to click *Claim* takes it.',
  awayUntilBack: "You're away: pools give you no new leads until you type `/handoff back`. Leads you own still reach you.",
  awayUntil: (lastDay: string) => `You're away through *${readableDate(lastDay)}*: pools give you no new leads until then (or \`/handoff back\`). Leads you own still reach you.`,
  back: "Welcome back: pools give you leads again.",
  notAway: 'You were not away; pools already give you leads.',
  badAway: (problem: string) => `${problem} Write \`/handoff away\`, \`/handoff away 3 days\` or \`/handoff away until Dec 14\`.`,
} as const;

export function routingReply(routing: Routing | undefined, pools: { name: string; match: Record<string, string[]>; reps: RepState[] }[]): string {
  if (!routing) return ROUTING_TEXT.none;
  const lines = ['*Who gets a lead nobody owns* — the first pool whose match fits; in it, the available rep furthest behind their share:'];
  for (const pool of pools) {
    const match = Object.entries(pool.match).map(([k, vs]) => `${esc(k)} is ${vs.map(esc).join(' or ')}`).join(', and ');
    lines.push(`*${esc(pool.name)}* — ${match ? `leads whose ${match}` : 'every lead'}`);
    for (const r of pool.reps) {
      const who = r.userId ? `<@${r.userId}>` : esc(r.rep);
      lines.push(r.available ? `  ✅ ${who} — available, ${r.open} unanswered${r.weight !== 1 ? `, weight ${r.weight}` : ''}` : `  ⛔ ${who} — ${esc(r.reason)}`);
    }
  }
  lines.push('Nobody available in the pool: the lead is offered in the sales channel to claim.');
  return lines.join('\n');
}
