import type { Step } from '../story.ts';
import { CHANNELS, PEOPLE } from '../world.ts';

/** Both teams see the week: leads handed over, answered, rejected and why, hot, late; and which content helped. */
export const weeklyDigest: Step = {
  caption: 'The weekly digest shows both teams what happened',
  async run(ctx) {
    await ctx.command(PEOPLE.admin, '/handoff', 'digest', CHANNELS.digest);
    await ctx.waitFor('chat.postMessage', (c) => c.args.channel === CHANNELS.digest, 'the digest in #revenue-team');
  },
};
