// Every action_id, callback_id and block_id in one place: the only place an id is spelled.

export const ACTIONS = {
  leadAccept: 'lead_accept',
  leadHot: 'lead_hot',
  leadReject: 'lead_reject',
  rateUseful: 'rate_useful',
  rateNotUseful: 'rate_not_useful',
  rateComment: 'rate_comment',
  hotleadExtend: 'hotlead_extend',
  hotleadLetEnd: 'hotlead_let_end',
  heldRelease: 'held_release',
  homeNewBrief: 'home_new_brief',
  openInCrm: 'lead_open_in_crm',
  leadClaim: 'lead_claim',
  briefFromNotice: 'brief_from_notice',
  endpointResume: 'event_endpoint_resume',
} as const;

export const VIEWS = {
  campaignBrief: 'campaign_brief',
  leadReject: 'lead_reject_modal',
  ratingComment: 'rating_comment_modal',
} as const;

export const SHORTCUTS = {
  saveAsBrief: 'save_as_campaign_brief',
} as const;

/** block_id prefixes; the rest of the id is the record's id. */
export const BLOCK_PREFIXES = {
  heldLead: 'held_lead:',
} as const;

/** The campaign brief modal's input blocks (field errors are keyed by these) and their elements' action ids. */
export const CAMPAIGN_BRIEF_BLOCKS = {
  key: 'brief_key',
  name: 'brief_name',
  goal: 'brief_goal',
  audience: 'brief_audience',
  stage: 'brief_stage',
  offer: 'brief_offer',
  keyMessages: 'brief_key_messages',
  talkingPoints: 'brief_talking_points',
  assets: 'brief_assets',
  startsOn: 'brief_starts_on',
  endsOn: 'brief_ends_on',
  owner: 'brief_owner',
} as const;

/** action_id of the one element in each brief input block. */
export const CAMPAIGN_BRIEF_INPUT = 'brief_input';

/** Block and element ids inside the lead DM and the Not qualified modal. */
export const LEAD_BLOCKS = {
  answerButtons: 'lead_answer',
  assetPrefix: 'lead_asset:',
  rejectReason: 'lead_reject_reason',
  rejectReasonSelect: 'lead_reject_reason_select',
  rejectComment: 'lead_reject_comment',
  rejectCommentInput: 'lead_reject_comment_input',
} as const;

/** The comment modal's one input (VIEWS.ratingComment). */
export const RATING_COMMENT_INPUT = { block: 'rating_comment', action: 'rating_comment_text' } as const;
