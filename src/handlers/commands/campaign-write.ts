import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { ownerOrAdmin, refusalToCreate } from '../../domain/campaigns/access.ts';
import { findCampaignByKey } from '../../domain/campaigns/queries.ts';
import { archiveCampaign } from '../../domain/campaigns/save.ts';
import { refreshHome } from '../../home/refresh.ts';
import { CAMPAIGN_TEXT, refusalText } from '../../views/campaign-messages.ts';
import { allowedOrTold, openEditBriefForm, openNewBriefForm, tellSafely, type BriefFormRequest } from '../views/open-campaign-brief.ts';

type Args = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

function formRequest(args: Args): BriefFormRequest {
  return {
    userId: args.command.user_id,
    triggerId: args.command.trigger_id,
    tell: async (text) => { await args.respond({ response_type: 'ephemeral', text }); },
  };
}

// Whether someone is a marketer may take a call to Slack, so those commands ack first and answer
// through the response_url; what Handoff knows by itself (unknown key, not the owner) goes in the ack.

/** `/campaign`: the form for a new brief. */
export async function newBrief(deps: Deps, args: Args): Promise<void> {
  await args.ack();
  await openNewBriefForm(deps, formRequest(args));
}

/** `/campaign edit KEY`: the form, prefilled. */
export async function editBrief(deps: Deps, args: Args, key: string): Promise<void> {
  const brief = await findCampaignByKey(deps.db, key);
  if (!brief) return args.ack({ response_type: 'ephemeral', text: CAMPAIGN_TEXT.unknownKey(key) });
  const refusal = ownerOrAdmin(deps, args.command.user_id, brief);
  if (refusal) return args.ack({ response_type: 'ephemeral', text: refusalText(refusal, 'edit', { ownerSlackId: brief.owner_slack_id, key: brief.key }) });
  await args.ack();
  await openEditBriefForm(deps, formRequest(args), brief);
}

/** `/campaign archive KEY` */
export async function archiveBrief(deps: Deps, args: Args, key: string): Promise<void> {
  const brief = await findCampaignByKey(deps.db, key);
  if (!brief) return args.ack({ response_type: 'ephemeral', text: CAMPAIGN_TEXT.unknownKey(key) });
  if (brief.status === 'archived') return args.ack({ response_type: 'ephemeral', text: CAMPAIGN_TEXT.alreadyArchived(brief.key) });
  const userId = args.command.user_id;
  const refusal = ownerOrAdmin(deps, userId, brief);
  if (refusal) return args.ack({ response_type: 'ephemeral', text: refusalText(refusal, 'archive', { ownerSlackId: brief.owner_slack_id, key: brief.key }) });
  await args.ack();
  const req = formRequest(args);
  // No trigger to catch here, so the check may take as long as the client allows.
  if (!(await allowedOrTold(deps, req, () => refusalToCreate(deps, userId), { action: 'archive', brief }, 10_000))) return;
  const changed = await archiveCampaign(deps.db, deps.clock.now(), brief.id);
  if (changed && brief.owner_slack_id) refreshHome(deps, brief.owner_slack_id);
  await tellSafely(deps, req, changed ? CAMPAIGN_TEXT.archived(brief.name, brief.key) : CAMPAIGN_TEXT.alreadyArchived(brief.key));
}
