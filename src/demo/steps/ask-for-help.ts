import { CHANNELS, PEOPLE } from '../world.ts';
import type { Step } from '../story.ts';

/** Riley, new to Handoff, asks what it does: every command answers `help`. */
export const askForHelp: Step = {
  caption: 'Riley Rep asks Handoff what it can do',
  async run(ctx) {
    const res = await ctx.command(PEOPLE.rep, '/handoff', 'help', CHANNELS.sales);
    ctx.expect(/\/hotlead/.test(res.text), '`/handoff help` did not list the commands');
  },
};
