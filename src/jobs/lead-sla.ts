import { remindAndEscalate } from '../domain/leads/speed-to-lead.ts';
import type { Job } from './index.ts';

/** Speed to lead: reminders at half the SLA, escalations at all of it. Every minute; idempotent. */
export const leadSlaJob: Job = {
  name: 'lead-sla',
  schedule: '* * * * *',
  runAtStart: true,
  async run(deps) {
    const summary = await remindAndEscalate(deps);
    if (summary.reminded + summary.escalated > 0) deps.logger.info(summary, 'speed to lead: reminded and escalated unanswered leads');
  },
};
