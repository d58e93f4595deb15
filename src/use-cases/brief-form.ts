import type { Deps } from '../deps.ts';
import type { CampaignBrief } from '../domain/campaigns/queries.ts';
import { CAMPAIGN_TEXT, refusalText } from '../views/campaign-messages.ts';
import { campaignBriefModal, type BriefDraft } from '../views/campaign-modal.ts';
import { briefPermission, type BriefAction, type BriefPermission } from './campaign-briefs.ts';

// Opening the brief form, from a command, a shortcut, the Home or a notice's button: the
// permission check, the form (empty, drafted or prefilled), or the reason it cannot open.

/** Who asked for the brief form, and how to answer them if it cannot open. Call after ack. */
export interface BriefFormRequest {
  userId: string;
  triggerId: string;
  /** An ephemeral answer (response_url), or a small modal where there is none. */
  tell(text: string): Promise<void>;
}

// A trigger_id lasts 3 seconds from the click; the permission check must leave time to open the view.
const CHECK_BUDGET_MS = 1500;

/** Tells the person why the check refused them (or could not be made); true when allowed. */
async function allowedOrTold(deps: Deps, req: Pick<BriefFormRequest, 'tell'>, permission: BriefPermission, action: BriefAction, brief?: CampaignBrief): Promise<boolean> {
  if (permission.allowed) return true;
  await tellSafely(deps, req, refusalText(permission.refusal, action, { usergroup: deps.config.marketingUsergroup, ownerSlackId: brief?.owner_slack_id, key: brief?.key }));
  return false;
}

export async function tellSafely(deps: Deps, req: Pick<BriefFormRequest, 'tell'>, text: string): Promise<void> {
  try {
    await req.tell(text);
  } catch (error) {
    deps.logger.warn({ err: String(error) }, 'could not answer about a campaign brief');
  }
}

async function openForm(deps: Deps, req: BriefFormRequest, view: ReturnType<typeof campaignBriefModal>): Promise<void> {
  try {
    await deps.slack.views.open({ trigger_id: req.triggerId, view });
  } catch (error) {
    deps.logger.warn({ err: String(error) }, 'views.open failed for the campaign brief form');
    await tellSafely(deps, req, CAMPAIGN_TEXT.modalFailed);
  }
}

/** Opens the form for a new brief (empty, or drafted from a message) if the person may post briefs. */
export async function openNewBriefForm(deps: Deps, req: BriefFormRequest, draft: BriefDraft = {}): Promise<void> {
  if (!(await allowedOrTold(deps, req, await briefPermission(deps, req.userId, undefined, CHECK_BUDGET_MS), 'create'))) return;
  await openForm(deps, req, campaignBriefModal({ mode: 'create', draft, submitterId: req.userId }));
}

/** Opens the form prefilled with a stored brief if the person may edit it. */
export async function openEditBriefForm(deps: Deps, req: BriefFormRequest, brief: CampaignBrief): Promise<void> {
  if (!(await allowedOrTold(deps, req, await briefPermission(deps, req.userId, brief, CHECK_BUDGET_MS), 'edit', brief))) return;
  const draft: BriefDraft = {
    key: brief.key,
    name: brief.name,
    goal: brief.goal,
    audience: brief.audience,
    stage: brief.stage,
    offer: brief.offer,
    keyMessages: brief.key_messages,
    talkingPoints: brief.talking_points,
    assets: brief.assets.map((a) => ({ title: a.title, url: a.url, kind: a.kind })),
    startsOn: brief.starts_on,
    endsOn: brief.ends_on,
    ownerSlackId: brief.owner_slack_id,
    ownerEmail: brief.owner_email,
  };
  await openForm(deps, req, campaignBriefModal({ mode: 'edit', draft, campaignId: brief.id, submitterId: req.userId }));
}
