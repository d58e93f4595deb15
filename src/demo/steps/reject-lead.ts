import { ACTIONS, VIEWS } from '../../views/ids.ts';
import { says, type Step } from '../story.ts';
import { CHANNELS, PEOPLE } from '../world.ts';
import { GRACE, REJECTION } from './data.ts';

/** Not every lead is a buyer: Riley says why, and marketing hears it. */
export const rejectLead: Step = {
  caption: 'A second lead is not a fit: Riley says why, and marketing hears it',
  async run(ctx) {
    const res = await ctx.intake('HubSpot', '/webhooks/leads', GRACE);
    ctx.expect(res.status === 202, `the lead intake answered ${res.status} ${res.text.slice(0, 200)}`);
    await ctx.waitFor('chat.postMessage', (c) => says(c.args, GRACE.name) && says(c.args, ACTIONS.leadReject), `the DM about ${GRACE.name}`);
    const dm = ctx.message(PEOPLE.rep.id, (m) => says(m, ACTIONS.leadReject) && says(m, GRACE.name), `the DM about ${GRACE.name}`);
    await ctx.delivered(GRACE.id);
    ctx.later(7 * 60_000, 'seven minutes later, Riley has looked the lead up');
    await ctx.click(PEOPLE.rep, { message: { channel: dm.channel, ts: dm.ts } }, ACTIONS.leadReject, 'Not qualified');
    const form = await ctx.modal(VIEWS.leadReject, 'the Not qualified form');
    await ctx.submit(PEOPLE.rep, form, { Reason: REJECTION.reason, Comment: REJECTION.comment }, 'picks a reason, adds a comment and clicks *Send*');
    await ctx.waitFor('chat.postMessage', (c) => c.args.channel === CHANNELS.marketing && says(c.args, GRACE.name), 'the rejection notice in #marketing');
    await ctx.waitFor('chat.update', (c) => c.args.ts === dm.ts, 'the DM showing the lead was rejected');
  },
};
