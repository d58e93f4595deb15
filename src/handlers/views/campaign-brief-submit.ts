import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { refusalToChange, refusalToCreate, type BriefRefusal } from '../../domain/campaigns/access.ts';
import { CampaignInvalid, CampaignKeyTaken, type BriefChanges, type BriefFields } from '../../domain/campaigns/brief.ts';
import { findCampaignById, type CampaignBrief } from '../../domain/campaigns/queries.ts';
import { createCampaign, updateCampaign } from '../../domain/campaigns/save.ts';
import { PermissionCheckFailed } from '../../domain/permissions.ts';
import { refreshHome } from '../../home/refresh.ts';
import { OutOfTime, withinBudget } from '../../slack/within-budget.ts';
import { briefSavedView } from '../../views/campaign-brief.ts';
import { CAMPAIGN_TEXT, refusalText } from '../../views/campaign-messages.ts';
import { briefIdFromMetadata } from '../../views/button-values.ts';
import { parseBriefForm, type BriefForm } from '../../views/campaign-modal-parse.ts';
import { CAMPAIGN_BRIEF_BLOCKS as B } from '../../views/ids.ts';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

// The answer to a submission is the ack itself (field errors or the saved brief), so the
// permission check gets a budget that leaves room inside Slack's 3 seconds.
const CHECK_BUDGET_MS = 2000;

async function refusalOrProblem(deps: Deps, check: () => Promise<BriefRefusal | undefined>): Promise<BriefRefusal | 'unchecked' | undefined> {
  try {
    return await withinBudget(check(), CHECK_BUDGET_MS);
  } catch (error) {
    if (error instanceof PermissionCheckFailed || error instanceof OutOfTime) return 'unchecked';
    throw error;
  }
}

function newFields(form: BriefForm, submitter: string): BriefFields {
  return {
    name: form.name,
    goal: form.goal,
    audience: form.audience,
    stage: form.stage,
    offer: form.offer,
    keyMessages: form.keyMessages ?? [],
    talkingPoints: form.talkingPoints ?? [],
    assets: form.assets ?? [],
    startsOn: form.startsOn,
    endsOn: form.endsOn,
    owner: { slackId: form.ownerSlackId ?? submitter, email: null },
  };
}

function changes(form: BriefForm, current: CampaignBrief): BriefChanges {
  const { key: _key, ownerSlackId, ...rest } = form;
  // An empty owner field, or the same person, keeps the stored owner (and the email it came with).
  const owner = ownerSlackId && ownerSlackId !== current.owner_slack_id ? { slackId: ownerSlackId, email: null } : undefined;
  return { ...rest, owner };
}

/** The brief form was submitted: validate, authorize, save, and show what was saved. */
export function campaignBriefSubmitted(deps: Deps) {
  return async function campaignBriefSubmitted({ ack, body, view }: Args): Promise<void> {
    const userId = body.user.id;
    const briefId = briefIdFromMetadata(view.private_metadata);
    const mode = briefId === undefined ? 'create' : 'edit';
    const parsed = parseBriefForm(view.state.values, mode);
    if (!parsed.ok) return ack({ response_action: 'errors', errors: parsed.errors });
    const { form } = parsed;
    const fail = (blockId: string, message: string) => ack({ response_action: 'errors', errors: { [blockId]: message } });

    const current = briefId === undefined ? undefined : await findCampaignById(deps.db, briefId);
    if (mode === 'edit' && !current) return fail(B.name, CAMPAIGN_TEXT.briefGone);
    const errorBlock = mode === 'create' ? B.key : B.name;
    const refusal = await refusalOrProblem(deps, () => (current ? refusalToChange(deps, userId, current) : refusalToCreate(deps, userId)));
    if (refusal === 'unchecked') return fail(errorBlock, CAMPAIGN_TEXT.checkFailed);
    if (refusal) {
      const action = current ? 'edit' : 'create';
      return fail(errorBlock, refusalText(refusal, action, { usergroup: deps.config.marketingUsergroup, ownerSlackId: current?.owner_slack_id, key: current?.key, plain: true }));
    }

    const now = deps.clock.now();
    try {
      const saved = current
        ? await updateCampaign(deps.db, now, current.id, changes(form, current))
        : await createCampaign(deps.db, now, form.key!, newFields(form, userId), { slackId: userId });
      if (!saved) return fail(B.name, CAMPAIGN_TEXT.briefGone);
      await ack({ response_action: 'update', view: briefSavedView(saved, !current, now) });
      if (saved.owner_slack_id) refreshHome(deps, saved.owner_slack_id);
    } catch (error) {
      if (error instanceof CampaignKeyTaken) return fail(B.key, `${error.message} Pick another key.`);
      if (error instanceof CampaignInvalid) return fail(B.endsOn, `The end date ${error.problems[0].message}.`);
      throw error;
    }
  };
}
