import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { openEditBriefForm, openNewBriefForm, tellSafely, type BriefFormRequest } from '../../use-cases/brief-form.ts';
import { archiveBrief as archive, briefToChange } from '../../use-cases/campaign-briefs.ts';
import { archiveAnswer, briefLookupAnswer } from '../../views/campaign-messages.ts';

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

// No trigger to catch when archiving, so the check may take as long as the client allows.
const ARCHIVE_CHECK_BUDGET_MS = 10_000;

/** `/campaign`: the form for a new brief. */
export async function newBrief(deps: Deps, args: Args): Promise<void> {
  await args.ack();
  await openNewBriefForm(deps, formRequest(args));
}

/** `/campaign edit KEY`: the form, prefilled. */
export async function editBrief(deps: Deps, args: Args, key: string): Promise<void> {
  const found = await briefToChange(deps, args.command.user_id, key, 'edit');
  if (found.kind !== 'found') return args.ack({ response_type: 'ephemeral', text: briefLookupAnswer(found, 'edit') });
  await args.ack();
  await openEditBriefForm(deps, formRequest(args), found.brief);
}

/** `/campaign archive KEY` */
export async function archiveBrief(deps: Deps, args: Args, key: string): Promise<void> {
  const found = await briefToChange(deps, args.command.user_id, key, 'archive');
  if (found.kind !== 'found') return args.ack({ response_type: 'ephemeral', text: briefLookupAnswer(found, 'archive') });
  await args.ack();
  const outcome = await archive(deps, args.command.user_id, found.brief, ARCHIVE_CHECK_BUDGET_MS);
  await tellSafely(deps, formRequest(args), archiveAnswer(outcome, deps.config.marketingUsergroup));
}
