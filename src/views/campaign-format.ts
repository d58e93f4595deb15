// Small text helpers for campaign views: Slack rejects what is too long, and reads &, < and > as markup.

import { escapeMrkdwn } from './text.ts';

export { cut, escapeMrkdwn, mrkdwnLink } from './text.ts';

const DAY = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });

/** "Nov 1, 2026" for "2026-11-01". */
export function formatDay(isoDay: string): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? isoDay : DAY.format(d);
}

export function dateRange(startsOn: string | null, endsOn: string | null): string {
  if (startsOn && endsOn) return `${formatDay(startsOn)} – ${formatDay(endsOn)}`;
  if (startsOn) return `from ${formatDay(startsOn)}`;
  if (endsOn) return `until ${formatDay(endsOn)}`;
  return 'no dates';
}

/** Where the campaign is in its run on `now`'s UTC day: "running", "starts in 3 days", "ended". */
export function runState(startsOn: string | null, endsOn: string | null, now: Date): string | undefined {
  const today = now.toISOString().slice(0, 10);
  if (startsOn && today < startsOn) {
    const days = Math.round((Date.parse(`${startsOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
    return days === 1 ? 'starts tomorrow' : `starts in ${days} days`;
  }
  if (endsOn && today > endsOn) return 'ended';
  if (startsOn || endsOn) return 'running';
  return undefined;
}

export function ownerLabel(owner: { owner_slack_id: string | null; owner_email: string | null }): string {
  if (owner.owner_slack_id) return `<@${owner.owner_slack_id}>`;
  if (owner.owner_email) return `${escapeMrkdwn(owner.owner_email)} (not found in Slack)`;
  return 'no owner';
}

export const STAGE_LABELS: Record<string, string> = {
  awareness: 'Awareness',
  consideration: 'Consideration',
  decision: 'Decision',
};

export function stageLabel(stage: string | null): string {
  return stage ? (STAGE_LABELS[stage] ?? stage) : 'any stage';
}
