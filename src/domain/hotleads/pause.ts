import type { Deps } from '../../deps.ts';

export interface PauseInput {
  email: string;
  /** Slack user id of the rep. */
  by: string;
  /** Defaults to now + HOTLEAD_DEFAULT_DAYS. */
  until?: Date;
  note?: string;
  /** The lead the pause came from, when known (the DM's button). */
  leadId?: string;
  source: 'command' | 'button';
}

export interface PauseResult {
  outcome: 'paused' | 'extended' | 'kept';
  pausedUntil: Date;
  /** Whether Handoff has ever received a lead with this email. */
  knownLead: boolean;
}

/**
 * "This lead is hot, pause the marketing emails": records the pause, tells marketing and the
 * email tool (through the outbox), and marks the email's open leads as answered hot.
 * (Implemented by the hot-lead feature.)
 */
export async function pauseMarketingEmails(deps: Deps, input: PauseInput): Promise<PauseResult> {
  const until = input.until ?? new Date(deps.clock.now().getTime() + deps.config.hotleadDefaultDays * 86_400_000);
  return { outcome: 'paused', pausedUntil: until, knownLead: false };
}
