import type { StandInUser } from '../../src/standin/slack-standin.ts';

// Realistic lead intake bodies (SPEC "Lead intake body") for load and soak runs: each with its
// own id and email, so every DM can be traced back to the lead that caused it.

export interface LeadBodyOptions {
  ownerEmail?: string;
  ownerSlackId?: string;
  campaign?: string;
  /** Distinguishes the leads of one run from another's. */
  prefix?: string;
}

export function leadEmail(id: string): string {
  return `${id.toLowerCase().replace(/[^a-z0-9-]/g, '-')}@prospect.example`;
}

export function leadBody(id: string, opts: LeadBodyOptions = {}): Record<string, unknown> {
  return {
    id,
    email: leadEmail(id),
    name: `Prospect ${id}`,
    title: 'VP Data',
    company: 'Analytical Engines',
    owner: opts.ownerSlackId ? { slack_user_id: opts.ownerSlackId } : { email: opts.ownerEmail ?? 'rep@yourco.example' },
    campaign: opts.campaign ?? 'q4-ai-webinar',
    stage: 'consideration',
    score: 72,
    activities: [
      { type: 'downloaded', content: "AI Buyer's Guide", url: 'https://example.com/guide', at: '2026-11-20T10:00:00Z' },
      { type: 'registered', content: 'Q4 AI Readiness Webinar', at: '2026-11-18T16:30:00Z' },
    ],
    fields: { budget: 'approved', timeline: 'Q1' },
  };
}

export function leadId(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(6, '0')}`;
}

export function makeOwners(n: number, prefix = 'SOAK'): StandInUser[] {
  return Array.from({ length: n }, (_, i) => ({ id: `U${prefix}${String(i).padStart(4, '0')}`, email: `${prefix.toLowerCase()}-rep-${i}@yourco.example`, real_name: `${prefix} Rep ${i}` }));
}

/** Half the owners by email (resolved through Slack after the answer), half by Slack id. */
export function ownerFor(owners: StandInUser[], n: number): { ownerEmail?: string; ownerSlackId?: string } {
  const owner = owners[n % owners.length];
  return n % 2 === 0 ? { ownerEmail: owner.email } : { ownerSlackId: owner.id };
}
