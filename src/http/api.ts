import type { Deps } from '../deps.ts';
import type { Router } from './router.ts';

/** The read API (API token). */
export function registerApiRoutes(_router: Router, _deps: Deps): void {}
