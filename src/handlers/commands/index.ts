import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { campaignCommand } from './campaign.ts';
import { handoffCommand } from './handoff.ts';
import { hotleadCommand } from './hotlead.ts';

export function registerCommands(app: App, deps: Deps): void {
  app.command('/handoff', handoffCommand(deps));
  app.command('/campaign', campaignCommand(deps));
  app.command('/hotlead', hotleadCommand(deps));
}
