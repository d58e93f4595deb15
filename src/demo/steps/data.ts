// The story's people and things: one campaign, three leads. Dates sit around the story's Monday.

import { PEOPLE } from '../world.ts';

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

/** A data leader who came to the webinar and read the guide: the lead Riley will close. */
export const ADA = {
  id: 'crm-00Q5e00001',
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
