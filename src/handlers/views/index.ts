import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.ts';

export function registerViews(_app: App, _deps: Deps): void {}
