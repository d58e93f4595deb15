import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { replyEphemeral } from './reply-ephemeral.ts';
import { checkLeadAnswer } from '../../domain/leads/answers.ts';
import { answerRefusal, LEAD_REPLIES } from '../../views/lead-notices.ts';
import { buildRejectModal } from '../../views/lead-reject-modal.ts';
import { leadIdFrom } from './lead-button-value.ts';

/** Not qualified on a lead DM: refusals first (no modal for a lead you cannot answer), then the reason modal. */
export function leadRejectAction(deps: Deps) {
  return async function openRejectModal({ ack, action, body, respond }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>): Promise<void> {
    await ack();
    const leadId = leadIdFrom(action.value);
    const check = leadId ? await checkLeadAnswer(deps, leadId, body.user.id, 'rejected') : { kind: 'gone' as const };
    if (check.kind !== 'ok') {
      await replyEphemeral(deps, { body, respond }, { text: answerRefusal(check) ?? LEAD_REPLIES.gone });
      return;
    }
    await deps.slack.views.open({ trigger_id: body.trigger_id, view: buildRejectModal(check.lead) });
  };
}
