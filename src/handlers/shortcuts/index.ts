import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { SHORTCUTS } from '../../views/ids.ts';
import { tracked } from '../dispatch.ts';
import { saveAsBriefShortcut } from './save-as-brief.ts';

export function registerShortcuts(app: App, deps: Deps): void {
  app.shortcut(SHORTCUTS.saveAsBrief, tracked(deps, saveAsBriefShortcut(deps)));
}
