import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { replyEphemeral } from './reply-ephemeral.ts';
import { answerLead } from '../../domain/leads/answers.ts';
import { answerRefusal, LEAD_REPLIES } from '../../views/lead-notices.ts';
import { leadIdFrom } from './lead-button-value.ts';

/** Accept on a lead DM: the DM itself is re-rendered through the outbox; refusals are ephemeral. */
export function leadAcceptAction(deps: Deps) {
  return async function acceptLead({ ack, action, body, respond }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>): Promise<void> {
    await ack();
    const leadId = leadIdFrom(action.value);
    const outcome = leadId ? await answerLead(deps, { leadId, answer: 'accepted', by: body.user.id }) : { kind: 'gone' as const };
    const refusal = outcome.kind === 'gone' ? LEAD_REPLIES.gone : answerRefusal(outcome);
    if (refusal) await replyEphemeral(deps, { body, respond }, { text: refusal });
  };
}
