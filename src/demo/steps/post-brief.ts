import { CAMPAIGN_BRIEF_BLOCKS as B, VIEWS } from '../../views/ids.ts';
import type { Step } from '../story.ts';
import { CHANNELS, PEOPLE } from '../world.ts';
import { CAMPAIGN } from './data.ts';

/** Morgan writes the brief once, in Slack; reps will see it when a lead from the campaign arrives. */
export const postBrief: Step = {
  caption: 'Morgan Marketer posts the campaign brief with /campaign',
  async run(ctx) {
    await ctx.command(PEOPLE.marketer, '/campaign', '', CHANNELS.marketing);
    const form = await ctx.modal(VIEWS.campaignBrief, 'the brief form');
    const res = await ctx.submit(PEOPLE.marketer, form, {
      [B.key]: CAMPAIGN.key,
      [B.name]: CAMPAIGN.name,
      [B.goal]: CAMPAIGN.goal,
      [B.audience]: CAMPAIGN.audience,
      [B.stage]: CAMPAIGN.stage,
      [B.offer]: CAMPAIGN.offer,
      [B.keyMessages]: CAMPAIGN.keyMessages.join('\n'),
      [B.talkingPoints]: CAMPAIGN.talkingPoints.join('\n'),
      [B.assets]: CAMPAIGN.assets.map((a) => `${a.title} | ${a.url} | ${a.kind}`).join('\n'),
      [B.startsOn]: CAMPAIGN.startsOn,
      [B.endsOn]: CAMPAIGN.endsOn,
    }, 'fills in the brief and clicks *Save brief*');
    ctx.expect(res.json?.response_action === 'update', `saving the brief answered ${res.text.slice(0, 200)}`);
  },
};
