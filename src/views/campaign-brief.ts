import { context, header, section, type KnownBlock } from './blocks.ts';
import type { CampaignBrief } from '../domain/campaigns/queries.ts';
import { cut, dateRange, escapeMrkdwn, mrkdwnLink, ownerLabel, runState, stageLabel } from './campaign-format.ts';

// Campaign briefs as people read them in Slack. Pure: data and time in, blocks out.

const SECTION_MAX = 3000;
const MESSAGE_BLOCKS = 50;
/** Briefs listed in one message: the rest of the 50 blocks are the header and the "and N more" line. */
export const LIST_MAX = 45;



function summaryLine(b: CampaignBrief, now: Date): string {
  const run = runState(b.starts_on, b.ends_on, now);
  return [
    `\`${b.key}\``,
    stageLabel(b.stage),
    `owner ${ownerLabel(b)}`,
    dateRange(b.starts_on, b.ends_on) + (run ? ` (${run})` : ''),
    ...(b.status === 'archived' ? ['*archived*'] : []),
  ].join(' · ');
}

function bullets(items: string[]): string {
  return items.map((i) => `• ${escapeMrkdwn(i)}`).join('\n');
}

function assetLine(a: CampaignBrief['assets'][number]): string {
  const kind = a.kind ? ` · ${escapeMrkdwn(cut(a.kind, 64))}` : '';
  const linked = `• ${mrkdwnLink(a.url, cut(a.title, 200))}${kind}`;
  // Cutting inside a link would leave broken markup; a link too long for a section loses its link instead.
  return linked.length <= SECTION_MAX - 100 ? linked : `• ${escapeMrkdwn(cut(a.title, 200))} (link too long to show here)${kind}`;
}

/** Packs lines into as few sections as fit, at most `maxBlocks`, saying how many did not fit. */
function packedSections(title: string, lines: string[], maxBlocks: number): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let current = `*${title}*`;
  let shown = 0;
  for (const line of lines) {
    if (current.length + 1 + line.length > SECTION_MAX - 40) {
      if (blocks.length + 1 >= maxBlocks) break;
      blocks.push(section(current));
      current = '';
    }
    current += (current ? '\n' : '') + line;
    shown += 1;
  }
  const rest = lines.length - shown;
  blocks.push(section(current + (rest > 0 ? `\n…and ${rest} more` : '')));
  return blocks;
}

/** The whole brief, readable: what a rep or marketer needs to know about the campaign. */
export function campaignBriefBlocks(b: CampaignBrief, now: Date): KnownBlock[] {
  const blocks: KnownBlock[] = [header(b.name), context(summaryLine(b, now))];
  if (b.goal) blocks.push(section(`*Goal*\n${escapeMrkdwn(b.goal)}`));
  if (b.audience) blocks.push(section(`*Audience*\n${escapeMrkdwn(b.audience)}`));
  if (b.offer) blocks.push(section(`*Offer*\n${escapeMrkdwn(b.offer)}`));
  if (b.key_messages.length) blocks.push(section(`*Key messages*\n${bullets(b.key_messages)}`));
  if (b.talking_points.length) blocks.push(section(`*Talking points*\n${bullets(b.talking_points)}`));
  if (b.assets.length) {
    blocks.push(...packedSections(`Content assets (${b.assets.length})`, b.assets.map(assetLine), MESSAGE_BLOCKS - blocks.length - 1));
  } else {
    blocks.push(section('*Content assets*\nNone yet.'));
  }
  blocks.push(context(`\`/campaign edit ${b.key}\` to change it · updated ${b.updated_at.slice(0, 10)}`));
  return blocks;
}

export function campaignBriefText(b: CampaignBrief): string {
  return cut(`Campaign brief: ${escapeMrkdwn(b.name)} (${b.key})`, SECTION_MAX);
}

/** Active briefs, newest first; `total` counts all of them, so the reader knows what was left out. */
export function campaignListBlocks(briefs: CampaignBrief[], total: number, now: Date): KnownBlock[] {
  const shown = briefs.slice(0, LIST_MAX);
  const blocks: KnownBlock[] = [header(`Active campaign briefs (${total})`)];
  for (const b of shown) {
    blocks.push(section(`*${escapeMrkdwn(cut(b.name, 300))}*\n${summaryLine(b, now)}`));
  }
  const more = total - shown.length;
  blocks.push(context(more > 0 ? `…and ${more} more. \`GET /api/campaigns\` lists them all.` : '`/campaign show KEY` for a whole brief.'));
  return blocks;
}

export function campaignListText(total: number): string {
  return `${total} active campaign brief${total === 1 ? '' : 's'}`;
}

/** What the form turns into once saved. */
export function briefSavedView(b: CampaignBrief, created: boolean, now: Date) {
  const blocks = [
    section(`${created ? 'Saved' : 'Updated'} *${escapeMrkdwn(cut(b.name, 300))}* (\`${b.key}\`). Reps will see it when a lead from \`${b.key}\` reaches them.`),
    { type: 'divider' },
    ...campaignBriefBlocks(b, now),
  ];
  return {
    type: 'modal' as const,
    title: { type: 'plain_text' as const, text: created ? 'Brief saved' : 'Brief updated' },
    close: { type: 'plain_text' as const, text: 'Done' },
    blocks,
  };
}

/** A one-message modal, for answers where there is a trigger but no response_url (e.g. the Home tab). */
export function campaignNoticeModal(text: string) {
  return {
    type: 'modal' as const,
    title: { type: 'plain_text' as const, text: 'Campaign briefs' },
    close: { type: 'plain_text' as const, text: 'OK' },
    blocks: [section(text)],
  };
}
