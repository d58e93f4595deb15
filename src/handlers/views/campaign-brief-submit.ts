import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { saveBriefFromForm } from '../../use-cases/campaign-briefs.ts';
import { briefSavedView } from '../../views/campaign-brief.ts';
import { briefSaveErrors } from '../../views/campaign-messages.ts';
import { briefIdFromMetadata } from '../../views/button-values.ts';
import { parseBriefForm } from '../../views/campaign-modal-parse.ts';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

// The answer to a submission is the ack itself (field errors or the saved brief), so the
// permission check gets a budget that leaves room inside Slack's 3 seconds.
const CHECK_BUDGET_MS = 2000;

/** The brief form was submitted: parse, save (the use case authorizes), and show what was saved. */
export function campaignBriefSubmitted(deps: Deps) {
  return async function campaignBriefSubmitted({ ack, body, view }: Args): Promise<void> {
    const briefId = briefIdFromMetadata(view.private_metadata);
    const parsed = parseBriefForm(view.state.values, briefId === undefined ? 'create' : 'edit');
    if (!parsed.ok) return ack({ response_action: 'errors', errors: parsed.errors });
    const outcome = await saveBriefFromForm(deps, body.user.id, briefId, parsed.form, CHECK_BUDGET_MS);
    if (outcome.kind !== 'saved') return ack({ response_action: 'errors', errors: briefSaveErrors(outcome, briefId === undefined ? 'create' : 'edit', deps.config.marketingUsergroup) });
    await ack({ response_action: 'update', view: briefSavedView(outcome.brief, outcome.created, deps.clock.now()) });
  };
}
