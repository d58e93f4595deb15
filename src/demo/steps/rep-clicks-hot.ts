import { ACTIONS } from '../../views/ids.ts';
import { says, type Step } from '../story.ts';
import { CHANNELS, PEOPLE } from '../world.ts';
import { ADA } from './data.ts';

/** Riley is about to close Ada: one more click stops marketing's emails to her, and marketing is told. */
export const repClicksHot: Step = {
  caption: 'Riley clicks Hot: marketing is told to pause its emails to Ada',
  async run(ctx) {
    await ctx.click(PEOPLE.rep, { message: ctx.state.adaDm }, ACTIONS.leadHot, 'Hot — pause emails');
    await ctx.waitFor('chat.postMessage', (c) => c.args.channel === CHANNELS.marketing && says(c.args, ADA.email), 'the pause notice in #marketing');
    await ctx.waitFor('chat.update', (c) => c.args.ts === ctx.state.adaDm.ts, 'the DM showing what Riley did');
    await ctx.waitFor('response_url', () => true, "Handoff's answer to Riley");
  },
};
