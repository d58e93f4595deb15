import type { App, AllMiddlewareArgs, SlackActionMiddlewareArgs, SlackCommandMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../deps.ts';
import { actionHandlers } from './actions/index.ts';
import { commandHandlers } from './commands/index.ts';
import { dispatcher } from './dispatch.ts';
import { registerEvents } from './events/index.ts';
import { registerShortcuts } from './shortcuts/index.ts';
import { viewHandlers } from './views/index.ts';

type CommandArgs = AllMiddlewareArgs & SlackCommandMiddlewareArgs;
type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs;
type ViewArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs;

export function registerListeners(app: App, deps: Deps): void {
  registerEvents(app, deps);
  app.command(/^\//, dispatcher<CommandArgs>(deps, commandHandlers(deps), (a) => a.command.command, async ({ ack, command }) => {
    await ack({ response_type: 'ephemeral', text: `Handoff does not answer ${command.command}; try \`/handoff help\`.` });
  }));
  app.action(/^/, dispatcher<ActionArgs>(deps, actionHandlers(deps), (a) => ('action_id' in a.action ? String(a.action.action_id) : ''), async ({ ack, action }) => {
    // A button from a message older than this version, say: acked, so the person sees no error.
    await ack();
    deps.logger.warn({ actionId: 'action_id' in action ? action.action_id : undefined }, 'a click on a button Handoff does not know; nothing done');
  }, { workAfterAckWaitsItsTurn: true }));
  app.view(/^/, dispatcher<ViewArgs>(deps, viewHandlers(deps), (a) => a.view.callback_id, async ({ ack, view }) => {
    await ack();
    deps.logger.warn({ callbackId: view.callback_id }, 'a submission of a modal Handoff does not know; closed it, nothing done');
  }));
  registerShortcuts(app, deps);
}
