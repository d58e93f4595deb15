import type { Deps } from '../deps.ts';
import { contentApi } from './content-api.ts';
import type { Router } from './router.ts';

/** The read API (API token). */
export function registerApiRoutes(router: Router, deps: Deps): void {
  router.add('GET', '/api/content', contentApi(deps));
}
