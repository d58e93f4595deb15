import type { Step } from '../story.ts';
import { askForHelp } from './ask-for-help.ts';

/** The story, in order. Each step is one thing that happens between marketing and sales. */
export const STORY: Step[] = [
  askForHelp,
];
