import { ACTIONS } from '../../views/ids.ts';
import type { Step } from '../story.ts';
import { PEOPLE } from '../world.ts';

/** Riley tells marketing which content helped: one click on the DM, and the running tally comes back. */
export const rateContent: Step = {
  caption: 'Riley rates the AI Buyer Guide as useful',
  async run(ctx) {
    const dm = ctx.message(PEOPLE.rep.id, (m) => m.ts === ctx.state.adaDm.ts, 'the DM about Ada');
    const button = (dm.blocks ?? [])
      .flatMap((b: any) => [...(b.elements ?? []), b.accessory])
      .find((el: any) => typeof el?.action_id === 'string' && el.action_id.startsWith(`${ACTIONS.rateUseful}:`));
    const actionId: string = ctx.must(button?.action_id, 'the DM has no Useful button for the campaign content');
    const before = ctx.world.standIn.callsTo('response_url').length;
    await ctx.click(PEOPLE.rep, { message: ctx.state.adaDm }, actionId, button.text?.text ?? 'Useful');
    await ctx.waitFor('response_url', () => true, 'the rating tally', before + 1);
  },
};
