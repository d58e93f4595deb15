import type { KnownBlock } from './blocks.ts';
import type { HeldReason, HeldSummary } from '../domain/mql/held.ts';
import type { ReleasedMark } from '../domain/notices.ts';
import { activityWords, formatScore, joinWords, leadLabel } from '../domain/mql/words.ts';
import { ACTIONS, BLOCK_PREFIXES } from './ids.ts';
import { cut, escapeMrkdwn as escape } from './text.ts';

const BLOCK_ID_MAX = 255;

function when(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;


export function heldLeadBlockId(leadId: string): string | undefined {
  const id = `${BLOCK_PREFIXES.heldLead}${leadId}`;
  return id.length <= BLOCK_ID_MAX ? id : undefined;
}

/** A reason held leads are counted under, in the words of the lead definition. */
export function heldReasonInWords(reason: HeldReason): string {
  if ('stored' in reason) return reason.stored;
  if ('unknown' in reason) return 'no reason recorded';
  const words = ((): string => {
    switch (reason.rule) {
      case 'min_score': return reason.value === null ? 'no score' : `score below ${formatScore(reason.value as number)}`;
      case 'required': return `missing ${String(reason.value)}`;
      case 'stages': return reason.value === null ? 'no buying stage' : `stage ${String(reason.value)} is not allowed`;
      case 'exclude_email_domains': return reason.value === null ? 'email has no domain' : `email domain ${String(reason.value)} is excluded`;
      case 'require_activity': return `no qualifying activity (${joinWords([...new Set((reason.value as string[]).map(activityWords))], 'or')})`;
    }
  })();
  return reason.campaign ? `${words} (${reason.campaign} rule)` : words;
}

/** The daily notice in MARKETING_CHANNEL: how many leads were held, for which rules, each with a release button. */
export function heldSummaryMessage(summary: HeldSummary, timeZone: string): { text: string; blocks: KnownBlock[] } {
  const headline = `${plural(summary.total, 'lead was', 'leads were')} held since ${when(summary.since, timeZone)}`;
  const rules = summary.byRule
    .map((r) => `• ${escape(heldReasonInWords(r.reason))} — ${r.count}${r.examples.length > 0 ? ` (e.g. ${r.examples.map(escape).join(', ')}${r.count > r.examples.length ? ', …' : ''})` : ''}`)
    .join('\n');
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: cut(`Held leads: ${summary.total}`, 150), emoji: true } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: cut(`${headline}: ${summary.total === 1 ? 'it' : 'they'} missed the lead definition (\`/handoff mql\`), so no rep got ${summary.total === 1 ? 'it' : 'them'}.\n*By rule*\n${rules}`, 3000) },
    },
  ];
  for (const lead of summary.leads) {
    const about = [
      `*${escape(leadLabel(lead))}*`,
      lead.email ? escape(lead.email) : 'no email',
      lead.campaign ? `campaign \`${escape(lead.campaign)}\`` : undefined,
    ].filter(Boolean).join(' · ');
    const failed = lead.failed.length > 0 ? lead.failed.map(escape).join('; ') : 'no reason recorded';
    const blockId = heldLeadBlockId(lead.id);
    blocks.push({
      type: 'section',
      ...(blockId ? { block_id: blockId } : {}),
      text: { type: 'mrkdwn', text: cut(`${about}\nMissed: ${failed}`, 3000) },
      accessory: {
        type: 'button',
        action_id: ACTIONS.heldRelease,
        text: { type: 'plain_text', text: 'Release to owner', emoji: true },
        value: lead.id,
        confirm: {
          title: { type: 'plain_text', text: 'Release this lead?' },
          text: { type: 'mrkdwn', text: cut(`${escape(leadLabel(lead))} goes to its owner as a normal lead, even though it missed the definition.`, 300) },
          confirm: { type: 'plain_text', text: 'Release' },
          deny: { type: 'plain_text', text: 'Keep held' },
        },
      },
    });
  }
  const notes: string[] = [];
  const more = summary.total - summary.leads.length;
  if (more > 0) notes.push(`…and ${more} more held lead${more === 1 ? '' : 's'}.`);
  if (summary.olderStillHeld > 0) notes.push(`${plural(summary.olderStillHeld, 'lead')} held earlier ${summary.olderStillHeld === 1 ? 'is' : 'are'} still waiting.`);
  notes.push('All held leads: `GET /api/leads?status=held`. Only Handoff admins can release a lead.');
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: cut(notes.join(' '), 3000) }] });
  return { text: `Held leads: ${headline}.`, blocks };
}

/** The held leads a summary (as Slack echoes it back with a click) lists, by its block ids. */
export function heldLeadIdsIn(blocks: KnownBlock[]): string[] {
  return blocks
    .map((b) => (b as { block_id?: unknown }).block_id)
    .filter((id): id is string => typeof id === 'string' && id.startsWith(BLOCK_PREFIXES.heldLead))
    .map((id) => id.slice(BLOCK_PREFIXES.heldLead.length));
}

/**
 * The summary message as it should read now: each released lead's button replaced by who
 * released it and when. Works on the blocks Slack echoed back, so the rest stays as posted.
 */
export function markReleased(blocks: KnownBlock[], released: Map<string, ReleasedMark>, timeZone: string): KnownBlock[] {
  return blocks.map((block) => {
    const b = block as { type?: string; block_id?: string; text?: { type: string; text: string }; accessory?: unknown };
    if (b.type !== 'section' || !b.block_id?.startsWith(BLOCK_PREFIXES.heldLead) || !b.text) return block;
    const mark = released.get(b.block_id.slice(BLOCK_PREFIXES.heldLead.length));
    if (!mark) return block;
    const to = mark.owner ? ` to <@${mark.owner}>` : ' to its owner';
    const line = `:white_check_mark: Released${to} by <@${mark.by}> on ${when(mark.at, timeZone)}`;
    const text = b.text.text.includes(':white_check_mark: Released') ? b.text.text : `${b.text.text}\n${line}`;
    return { type: 'section', block_id: b.block_id, text: { type: 'mrkdwn', text: cut(text, 3000) } };
  });
}
