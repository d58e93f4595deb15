import type { Deps } from '../../deps.ts';
import { ACTIONS } from '../../views/ids.ts';
import type { HandlerTable } from '../dispatch.ts';
import { briefFromNotice } from './brief-from-notice.ts';
import { endpointResumeAction } from './endpoint-resume.ts';
import { heldReleaseAction } from './held-release.ts';
import { homeNewBrief } from './home-new-brief.ts';
import { leadAcceptAction } from './lead-accept.ts';
import { leadClaimAction } from './lead-claim.ts';
import { leadHotAction } from './lead-hot.ts';
import { leadRejectAction } from './lead-reject.ts';
import { openInCrmAction } from './open-in-crm.ts';
import { pauseWarningAction } from './pause-warning.ts';
import { rateCommentAction } from './rate-comment.ts';
import { rateContentAction } from './rate-content.ts';

/** Button handlers by action_id. */
export function actionHandlers(deps: Deps): HandlerTable {
  return {
    [ACTIONS.heldRelease]: heldReleaseAction(deps),
    [ACTIONS.leadHot]: leadHotAction(deps),
    [ACTIONS.hotleadExtend]: pauseWarningAction(deps, 'extend'),
    [ACTIONS.hotleadLetEnd]: pauseWarningAction(deps, 'let_end'),
    [ACTIONS.homeNewBrief]: homeNewBrief(deps),
    [ACTIONS.leadAccept]: leadAcceptAction(deps),
    [ACTIONS.leadClaim]: leadClaimAction(deps),
    [ACTIONS.briefFromNotice]: briefFromNotice(deps),
    [ACTIONS.endpointResume]: endpointResumeAction(deps),
    [ACTIONS.openInCrm]: openInCrmAction(),
    [ACTIONS.leadReject]: leadRejectAction(deps),
    // Rating buttons carry the asset id in the action_id (`rate_useful:42`) so one message can hold many.
    [ACTIONS.rateUseful]: rateContentAction(deps, 'useful'),
    [ACTIONS.rateNotUseful]: rateContentAction(deps, 'not_useful'),
    [ACTIONS.rateComment]: rateCommentAction(deps),
  };
}
