import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { tracked } from '../dispatch.ts';
import { appHomeOpened } from './app-home-opened.ts';
import { dropRepeatedEvents } from './dedupe.ts';

export function registerEvents(app: App, deps: Deps): void {
  app.event('app_home_opened', dropRepeatedEvents(deps), tracked(deps, appHomeOpened(deps)));
}
