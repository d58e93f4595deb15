import type { KnownBlock } from './blocks.ts';
import type { Lead } from '../db/schema.ts';
import { ACTIONS } from './ids.ts';
import { cut, esc } from './lead-format.ts';

// A lead nobody owns, offered in the sales channel: whoever clicks Claim first gets it. The
// channel sees who the lead is and where it came from, never its email or activities (those go
// to the owner's DM). Tests assert on these.

function who(lead: Pick<Lead, 'name' | 'title' | 'company' | 'email' | 'id'>): string {
  const name = lead.name?.trim() || `Lead ${lead.id}`;
  const role = [lead.title, lead.company].filter(Boolean).join(', ');
  return `*${esc(cut(name, 150))}*${role ? ` (${esc(cut(role, 200))})` : ''}`;
}

export function claimOfferMessage(lead: Lead): { text: string; blocks: KnownBlock[] } {
  const from = lead.campaign_key ? ` from \`${esc(cut(lead.campaign_key, 64))}\`` : '';
  const stage = lead.stage ? ` · ${esc(cut(lead.stage, 32))}` : '';
  const text = `🙋 New lead nobody owns yet: ${who(lead)}${from}${stage}. The first to click *Claim* gets it, with its DM.`;
  return {
    text: cut(text, 3000),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: cut(text, 3000) } },
      { type: 'actions', elements: [{ type: 'button', action_id: ACTIONS.leadClaim, style: 'primary', text: { type: 'plain_text', text: '✋ Claim', emoji: true }, value: lead.id }] },
    ],
  };
}

/** DM to the next available rep of the pool of an owner who is away when their lead arrives. */
export function awayOfferMessage(lead: Lead, owner: string, ownerAway: string): { text: string; blocks: KnownBlock[] } {
  const text = `🙋 <@${owner}> is ${esc(ownerAway)} and just got a new lead: ${who(lead)}. Take it? The first of you to answer it owns it; *Claim* and it is yours, with its DM.`;
  return {
    text: cut(text, 3000),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: cut(text, 3000) } },
      { type: 'actions', elements: [{ type: 'button', action_id: ACTIONS.leadClaim, style: 'primary', text: { type: 'plain_text', text: '✋ Claim', emoji: true }, value: lead.id }] },
    ],
  };
}

export function claimedMessage(lead: Lead, by: string, from: string | null = null): { text: string; blocks: KnownBlock[] } {
  const text = `✋ <@${by}> claimed ${who(lead)}${from ? ` from <@${from}>` : ''}: it is theirs now.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

export const CLAIM_TEXT = {
  yours: "It's yours: the lead's DM with everything about it is on its way.",
  gone: 'That lead is no longer in Handoff; nothing changed.',
  alreadyYours: "It's already yours: answer it from its DM (or the reminder).",
  answered: 'That lead has been answered already; nothing changed.',
  badValue: 'This button is not one Handoff can read; nothing changed.',
  notSales: (group: string) => `Only members of <!subteam^${group}> can claim leads. Ask a Handoff admin to add you.`,
  taken: (owner: string) => `<@${owner}> already has this lead; nothing changed.`,
} as const;
