// The story's people and things: one campaign, three leads. Dates sit around the story's Monday.

import { HUBSPOT_OWNER_ID, PEOPLE } from '../world.ts';

export const CAMPAIGN = {
  key: 'q4-ai-webinar',
  name: 'Q4 AI Readiness Webinar',
  goal: 'Book discovery calls with data leaders evaluating AI platforms',
  audience: 'VP Data and CTOs at 200-2000 employee companies',
  stage: 'consideration',
  offer: 'Free AI readiness assessment',
  keyMessages: ['Ship models to production in weeks, not quarters', 'Your data stays in your cloud'],
  talkingPoints: ['Ask which pilot stalled and why', 'Offer the readiness assessment as the next step'],
  assets: [
    { title: 'AI Buyer Guide', url: 'https://yourco.example/guides/ai-buyer-guide', kind: 'ebook' },
    { title: 'ROI calculator', url: 'https://yourco.example/tools/ai-roi', kind: 'tool' },
  ],
  startsOn: '2026-11-01',
  endsOn: '2026-12-15',
};

const owner = { email: PEOPLE.rep.email };

/** Ada's contact id in HubSpot: Handoff's HubSpot route names the lead `hubspot-501`. */
export const ADA_VID = 501;

/** A data leader who came to the webinar and read the guide: the lead Riley will close. */
export const ADA = {
  id: `hubspot-${ADA_VID}`,
  email: 'ada@analytical.example',
  name: 'Ada Lovelace',
  title: 'CTO',
  company: 'Analytical Engines',
  owner,
  campaign: CAMPAIGN.key,
  stage: 'consideration',
  score: 72,
  activities: [
    { type: 'registered', content: 'Q4 AI Readiness Webinar', at: '2026-11-12T16:00:00Z' },
    { type: 'downloaded', content: 'AI Buyer Guide', url: CAMPAIGN.assets[0].url, at: '2026-11-20T10:00:00Z' },
  ],
  fields: { budget: 'approved', timeline: 'Q1' },
};

/** Downloaded the guide for a thesis: not a buyer. */
export const GRACE = {
  id: 'crm-00Q5e00002',
  email: 'grace@cobol-university.example',
  name: 'Grace Hopper',
  title: 'PhD student',
  company: 'Cobol University',
  owner,
  campaign: CAMPAIGN.key,
  stage: 'awareness',
  score: 41,
  activities: [{ type: 'downloaded', content: 'AI Buyer Guide', url: CAMPAIGN.assets[0].url, at: '2026-11-22T21:14:00Z' }],
};

/** Asked for a demo: the decision stage's SLA is one hour, and nobody answers. */
export const KATHERINE = {
  id: 'crm-00Q5e00003',
  email: 'katherine@orbital.example',
  name: 'Katherine Johnson',
  title: 'VP Data',
  company: 'Orbital Analytics',
  owner,
  campaign: CAMPAIGN.key,
  stage: 'decision',
  score: 88,
  activities: [{ type: 'requested_demo', content: 'Platform demo', at: '2026-11-23T09:55:00Z' }],
  fields: { budget: 'approved', timeline: 'this quarter' },
};

export const REJECTION = { reason: 'Bad fit', comment: 'Researching a thesis: no buying project and no budget.' };

/** A free-mail address, no company, a low score: misses the agreed lead definition. */
export const SAM = {
  id: 'crm-00Q5e00004',
  email: 'sam.sample@gmail.com',
  name: 'Sam Sample',
  owner,
  campaign: CAMPAIGN.key,
  stage: 'awareness',
  score: 22,
  activities: [{ type: 'downloaded', content: 'AI Buyer Guide', url: CAMPAIGN.assets[0].url, at: '2026-11-23T07:12:00Z' }],
};

const ms = (iso: string) => String(Date.parse(iso));

/**
 * Ada as HubSpot's workflow sends her, every property included: the contact in the shape of
 * HubSpot's contacts API v1 (vid, portal-id, properties as { value }), default property names,
 * dates in Unix milliseconds. Her two form conversions are what the rep reads under "Why now".
 */
export function adaFromHubSpot(): Record<string, unknown> {
  const properties: Record<string, string> = {
    email: ADA.email,
    firstname: 'Ada',
    lastname: 'Lovelace',
    jobtitle: ADA.title,
    company: ADA.company,
    lifecyclestage: 'marketingqualifiedlead',
    hubspotscore: String(ADA.score),
    hubspot_owner_id: HUBSPOT_OWNER_ID,
    hs_lead_status: 'NEW',
    utm_campaign: CAMPAIGN.key,
    first_conversion_event_name: 'Q4 AI Readiness Webinar',
    first_conversion_date: ms('2026-11-12T16:00:00Z'),
    recent_conversion_event_name: 'AI Buyer Guide',
    recent_conversion_date: ms('2026-11-20T10:00:00Z'),
    budget: ADA.fields.budget,
    timeline: ADA.fields.timeline,
    lastmodifieddate: ms('2026-11-23T09:00:00Z'),
  };
  return {
    vid: ADA_VID,
    'canonical-vid': ADA_VID,
    'portal-id': 62515,
    'is-contact': true,
    properties: Object.fromEntries(Object.entries(properties).map(([name, value]) => [name, { value, versions: [{ value, 'source-type': 'CRM_UI', timestamp: Number(properties.lastmodifieddate) }] }])),
  };
}

/** Ada's HubSpot contact before anyone answered her: the record the story watches change. */
export function adaHubSpotRecord(): Record<string, string> {
  return { email: ADA.email, firstname: 'Ada', lastname: 'Lovelace', hs_lead_status: 'NEW', lifecyclestage: 'marketingqualifiedlead' };
}
