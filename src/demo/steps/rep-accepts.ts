import { ACTIONS } from '../../views/ids.ts';
import type { Step } from '../story.ts';
import { PEOPLE } from '../world.ts';
import { ADA, ADA_VID } from './data.ts';

/** The most common answer: Riley takes Ada on. The DM shrinks to what he did, and HubSpot learns it. */
export const repAccepts: Step = {
  caption: 'Riley accepts Ada: the DM says so, and HubSpot shows it',
  async run(ctx) {
    await ctx.click(PEOPLE.rep, { message: ctx.state.adaDm }, ACTIONS.leadAccept, 'Accept');
    await ctx.waitFor('chat.update', (c) => c.args.ts === ctx.state.adaDm.ts && JSON.stringify(c.args.blocks ?? []).includes('Accepted by'), 'the DM showing what Riley did');
    // The verdict goes back: Ada's HubSpot record says sales is on it.
    await ctx.until(async () => ctx.world.hubspot.contacts.get(String(ADA_VID))?.hs_lead_status === 'IN_PROGRESS', "Ada's HubSpot record to show In progress");
    ctx.table(`HubSpot · contact ${ADA_VID} (${ADA.name}), written by Handoff`, ['Property', 'Before', 'Now'], [['Lead status', 'New', 'In progress']]);
  },
};
