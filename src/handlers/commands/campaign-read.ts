import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { countCampaigns, findCampaignByKey, listCampaigns } from '../../domain/campaigns/queries.ts';
import { campaignBriefBlocks, campaignBriefText, campaignListBlocks, campaignListText, LIST_MAX } from '../../views/campaign-brief.ts';
import { CAMPAIGN_TEXT } from '../../views/campaign-messages.ts';

type Args = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

/** `/campaign list`: active briefs, newest first. */
export async function listBriefs(deps: Deps, args: Args): Promise<void> {
  const [briefs, total] = await Promise.all([listCampaigns(deps.db, 'active', LIST_MAX), countCampaigns(deps.db, 'active')]);
  if (total === 0) return args.ack({ response_type: 'ephemeral', text: CAMPAIGN_TEXT.noActiveBriefs });
  await args.ack({ response_type: 'ephemeral', text: campaignListText(total), blocks: campaignListBlocks(briefs, total, deps.clock.now()) });
}

/** `/campaign show KEY`: the whole brief. */
export async function showBrief(deps: Deps, args: Args, key: string): Promise<void> {
  const brief = await findCampaignByKey(deps.db, key);
  if (!brief) return args.ack({ response_type: 'ephemeral', text: CAMPAIGN_TEXT.unknownKey(key) });
  await args.ack({ response_type: 'ephemeral', text: campaignBriefText(brief), blocks: campaignBriefBlocks(brief, deps.clock.now()) });
}
