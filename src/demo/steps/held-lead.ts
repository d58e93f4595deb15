import type { Step } from '../story.ts';
import { says } from '../story.ts';
import { CHANNELS, PEOPLE } from '../world.ts';
import { SAM } from './data.ts';

/** Both teams agreed what a qualified lead is; a lead that misses it waits for marketing instead of a rep. */
export const heldLead: Step = {
  caption: 'A lead that misses the agreed definition is held for marketing',
  async run(ctx) {
    await ctx.command(PEOPLE.marketer, '/handoff', 'mql', CHANNELS.marketing);
    const res = await ctx.intake('HubSpot', '/webhooks/leads', SAM);
    ctx.expect(res.status === 202 && res.json?.status === 'held', `the intake answered ${res.status} ${res.text.slice(0, 200)} instead of holding the lead`);
    const now = ctx.world.clock.now();
    const nextMorning = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 8, 0);
    ctx.later(nextMorning - now.getTime(), 'the next morning at 08:00');
    await ctx.runJob('held-summary', 'the daily held-leads summary runs');
    await ctx.waitFor('chat.postMessage', (c) => c.args.channel === CHANNELS.marketing && says(c.args, SAM.name), 'the held-leads summary in #marketing');
    ctx.expect(!ctx.world.standIn.okCalls('chat.postMessage').some((c) => c.args.channel !== CHANNELS.marketing && says(c.args, SAM.email)), `${SAM.name} reached a rep although held`);
  },
};
