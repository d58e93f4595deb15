import { ACTIONS } from '../../views/ids.ts';
import { says, type Step } from '../story.ts';
import { PEOPLE } from '../world.ts';
import { ADA, ADA_VID, adaFromHubSpot, adaHubSpotRecord } from './data.ts';

/** The CRM hands Handoff a lead; within seconds its owner has the lead and the campaign's brief in a DM. */
export const leadArrives: Step = {
  caption: 'A lead arrives from HubSpot; Riley gets it in a DM, with the brief',
  async run(ctx) {
    ctx.world.hubspot.contacts.set(String(ADA_VID), adaHubSpotRecord());
    const res = await ctx.intake('HubSpot', '/webhooks/leads/hubspot', adaFromHubSpot());
    ctx.expect(res.status === 202 && res.json?.status === 'accepted', `the lead intake answered ${res.status} ${res.text.slice(0, 200)}`);
    await ctx.waitFor('chat.postMessage', (c) => says(c.args, ADA.name) && says(c.args, ACTIONS.leadAccept), `the DM about ${ADA.name}`);
    const dm = ctx.message(PEOPLE.rep.id, (m) => says(m, ACTIONS.leadHot) && says(m, ADA.name), `the DM about ${ADA.name}`);
    ctx.state.adaDm = { channel: dm.channel, ts: dm.ts };
    await ctx.delivered(ADA.id);
  },
};
