import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { answerLead, checkLeadAnswer } from '../../domain/leads/answers.ts';
import { LEAD_BLOCKS } from '../../views/ids.ts';
import { parseRejectSubmission, REJECT_ERRORS } from '../../views/lead-reject-modal.ts';

/** The Not qualified modal: field errors keep it open; a valid reason closes it and records the rejection. */
export function leadRejectSubmitted(deps: Deps) {
  return async function rejectLead({ ack, body, view }: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>): Promise<void> {
    const parsed = parseRejectSubmission(view);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const by = body.user.id;
    const check = await checkLeadAnswer(deps, parsed.leadId, by, 'rejected');
    if (check.kind !== 'ok') {
      const message =
        check.kind === 'gone' ? REJECT_ERRORS.gone
        : check.kind === 'not_yours' ? REJECT_ERRORS.notYours
        : check.kind === 'held' ? REJECT_ERRORS.held
        : REJECT_ERRORS.already(check.lead.status);
      await ack({ response_action: 'errors', errors: { [LEAD_BLOCKS.rejectReason]: message } });
      return;
    }
    await ack();
    const outcome = await answerLead(deps, { leadId: parsed.leadId, answer: 'rejected', by, reason: parsed.reason, comment: parsed.comment });
    if (outcome.kind !== 'ok') deps.logger.info({ leadId: parsed.leadId, outcome: outcome.kind }, 'a rejection lost a race with another answer');
  };
}
