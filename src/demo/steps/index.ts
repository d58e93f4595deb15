import type { Step } from '../story.ts';
import { weeklyDigest } from './digest.ts';
import { heldLead } from './held-lead.ts';
import { leadArrives } from './lead-arrives.ts';
import { openHome } from './open-home.ts';
import { postBrief } from './post-brief.ts';
import { rateContent } from './rate-content.ts';
import { rejectLead } from './reject-lead.ts';
import { repAccepts } from './rep-accepts.ts';
import { repClicksHot } from './rep-clicks-hot.ts';
import { suppressionList } from './suppression-list.ts';
import { reminder } from './reminder.ts';

/** The story, in order. Each step is one thing that happens between marketing and sales. */
export const STORY: Step[] = [
  postBrief,
  leadArrives,
  repAccepts,
  repClicksHot,
  suppressionList,
  rateContent,
  rejectLead,
  reminder,
  openHome,
  heldLead,
  weeklyDigest,
];
