import { ACTIONS } from '../../views/ids.ts';
import { says, type Step } from '../story.ts';
import { CHANNELS, PEOPLE } from '../world.ts';
import { KATHERINE } from './data.ts';

const MINUTE = 60_000;

/** A lead nobody answers does not vanish: its owner is reminded at half the SLA, sales told at all of it. */
export const reminder: Step = {
  caption: 'Nobody answers a demo request: Handoff reminds Riley, then tells #sales',
  async run(ctx) {
    const res = await ctx.intake('HubSpot', '/webhooks/leads', KATHERINE);
    ctx.expect(res.status === 202, `the lead intake answered ${res.status} ${res.text.slice(0, 200)}`);
    await ctx.waitFor('chat.postMessage', (c) => says(c.args, KATHERINE.name) && says(c.args, ACTIONS.leadAccept), `the DM about ${KATHERINE.name}`);
    // The SLA runs from delivery, which Handoff records once Slack has answered.
    await ctx.delivered(KATHERINE.id);

    ctx.later(31 * MINUTE, '31 minutes later, nobody has answered (a demo request should be answered within 1 hour)');
    await ctx.runJob('lead-sla', 'the speed-to-lead job runs (every minute in production)');
    await ctx.waitFor('chat.postMessage', (c) => String(c.args.text).startsWith('⏳') && says(c.args, KATHERINE.name) && /^[UD]/.test(String(c.args.channel)), `the reminder to ${PEOPLE.rep.real_name}`);

    ctx.later(30 * MINUTE, 'an hour after it arrived, the lead is still unanswered');
    await ctx.runJob('lead-sla', 'the speed-to-lead job runs again');
    await ctx.waitFor('chat.postMessage', (c) => c.args.channel === CHANNELS.sales && says(c.args, KATHERINE.name), 'the escalation in #sales');
  },
};
