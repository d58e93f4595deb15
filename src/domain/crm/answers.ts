// A rep's answers as the CRMs record them: which status each answer sets, by default.

export const CRM_ANSWERS = ['accepted', 'hot', 'rejected'] as const;
export type CrmAnswer = (typeof CRM_ANSWERS)[number];

/** HubSpot's own `hs_lead_status` options (a portal may add more). */
export const HUBSPOT_STATUS_DEFAULTS: Record<CrmAnswer, string> = { accepted: 'IN_PROGRESS', hot: 'IN_PROGRESS', rejected: 'UNQUALIFIED' };

/** The Lead Status picklist of a new Salesforce org. */
export const SALESFORCE_STATUS_DEFAULTS: Record<CrmAnswer, string> = { accepted: 'Working - Contacted', hot: 'Working - Contacted', rejected: 'Closed - Not Converted' };
