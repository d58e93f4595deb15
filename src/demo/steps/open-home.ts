import type { Step } from '../story.ts';
import { PEOPLE } from '../world.ts';

/** Riley's Home tab: what is waiting for an answer, what was accepted, what is paused. */
export const openHome: Step = {
  caption: "Riley opens Handoff's Home tab: every lead and what is left to do",
  async run(ctx) {
    await ctx.openHome(PEOPLE.rep);
  },
};
