import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { appHomeOpened } from './app-home-opened.ts';
import { dropRepeatedEvents } from './dedupe.ts';

export function registerEvents(app: App, deps: Deps): void {
  app.use(dropRepeatedEvents(deps));
  app.event('app_home_opened', appHomeOpened(deps));
}
