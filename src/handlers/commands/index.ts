import type { Deps } from '../../deps.ts';
import type { HandlerTable } from '../dispatch.ts';
import { campaignCommand } from './campaign.ts';
import { handoffCommand } from './handoff.ts';
import { hotleadCommand } from './hotlead.ts';

/** Slash command handlers by command. */
export function commandHandlers(deps: Deps): HandlerTable {
  return {
    '/handoff': handoffCommand(deps),
    '/campaign': campaignCommand(deps),
    '/hotlead': hotleadCommand(deps),
  };
}
