import { ACTIONS } from '../../views/ids.ts';
import { says, type Step } from '../story.ts';
import { CHANNELS, PEOPLE } from '../world.ts';
import { ADA, ADA_VID } from './data.ts';

/** Riley is about to close Ada: one click stops marketing's emails to her, and marketing is told. */
export const repClicksHot: Step = {
  caption: 'Riley clicks Hot: emails to Ada pause, and HubSpot shows it',
  async run(ctx) {
    await ctx.click(PEOPLE.rep, { message: ctx.state.adaDm }, ACTIONS.leadHot, 'Hot — pause emails');
    await ctx.waitFor('chat.postMessage', (c) => c.args.channel === CHANNELS.marketing && says(c.args, ADA.email), 'the pause notice in #marketing');
    await ctx.waitFor('chat.update', (c) => c.args.ts === ctx.state.adaDm.ts, 'the DM showing what Riley did');
    await ctx.waitFor('response_url', () => true, "Handoff's answer to Riley");
    // The verdict goes back: Ada's HubSpot record says sales is on it.
    await ctx.until(async () => ctx.world.hubspot.contacts.get(String(ADA_VID))?.hs_lead_status === 'IN_PROGRESS', "Ada's HubSpot record to show In progress");
    ctx.table(`HubSpot · contact ${ADA_VID} (${ADA.name}), written by Handoff`, ['Property', 'Before', 'Now'], [['Lead status', 'New', 'In progress']]);
  },
};
