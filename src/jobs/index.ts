import type { Deps } from '../deps.ts';
import { hotleadExpiryJob } from './hotlead-expiry.ts';
import { heldSummaryJob } from './held-summary.ts';
import { mqlAnnouncementJob } from './mql-announcement.ts';
import { campaignOwnersJob } from './campaign-owners.ts';
import { leadOwnersJob } from './lead-owners.ts';
import { leadSlaJob } from './lead-sla.ts';
import { digestJob } from './digest.ts';
import { retentionJob } from './retention.ts';
import { repPresenceJob } from './rep-presence.ts';

/** A scheduled job: idempotent, so a double trigger or a second replica changes nothing twice. */
export interface Job {
  name: string;
  /** node-cron expression, in the configured TZ. */
  schedule: string;
  run(deps: Deps): Promise<void>;
  /** Also run once at start-up (catch-up after downtime). */
  runAtStart?: boolean;
  /** What the start-up run does instead of `run`, when it differs (a catch-up has rules of its own). */
  startRun?(deps: Deps): Promise<void>;
}

export function allJobs(deps: Deps): Job[] {
  return [
    hotleadExpiryJob,
    mqlAnnouncementJob(),
    heldSummaryJob(),
    campaignOwnersJob,
    leadSlaJob,
    leadOwnersJob,
    digestJob(deps),
    retentionJob,
    repPresenceJob,
  ];
}
