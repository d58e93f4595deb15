import type { Deps } from '../deps.ts';
import type { Router } from './router.ts';

/** Intake from CRMs and marketing tools. */
export function registerWebhookRoutes(_router: Router, _deps: Deps): void {}
