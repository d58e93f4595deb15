import type { Step } from '../story.ts';
import { postBrief } from './post-brief.ts';

/** The story, in order. Each step is one thing that happens between marketing and sales. */
export const STORY: Step[] = [
  postBrief,
];
