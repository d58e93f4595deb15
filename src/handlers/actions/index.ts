import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.ts';

export function registerActions(_app: App, _deps: Deps): void {}
