import type { Deps } from '../deps.ts';
import { registerApiRoutes } from './api.ts';
import { health } from './health.ts';
import { Router } from './router.ts';
import { registerWebhookRoutes } from './webhooks.ts';

export function buildRoutes(deps: Deps): Router {
  const router = new Router();
  router.add('GET', '/healthz', health(deps));
  registerWebhookRoutes(router, deps);
  registerApiRoutes(router, deps);
  return router;
}
