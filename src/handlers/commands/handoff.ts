import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { ALL_COMMANDS_HELP, HANDOFF_USAGE, unknownWords } from '../../views/usage.ts';
import { handoffDigest } from './handoff-digest.ts';
import { handoffMql } from './handoff-mql.ts';
import { handoffAway, handoffBack, handoffRouting } from './handoff-routing.ts';

type Args = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

/** `/handoff help | mql | digest | routing | away [until …] | back` */
export function handoffCommand(deps: Deps) {
  return async function handoff(args: Args): Promise<void> {
    const words = args.command.text.trim();
    const [sub = 'help', ...rest] = words.split(/\s+/);
    const subcommand = sub.toLowerCase();
    // help and mql take no words: "mql foo" is a typo to point out, not to ignore.
    if ((subcommand === 'help' || subcommand === 'mql' || subcommand === 'routing' || subcommand === 'back') && rest.length > 0) {
      await args.ack({ response_type: 'ephemeral', text: unknownWords('/handoff', words, HANDOFF_USAGE) });
      return;
    }
    switch (subcommand) {
      case 'help':
      case '':
        await args.ack({ response_type: 'ephemeral', text: ALL_COMMANDS_HELP });
        return;
      case 'mql':
        await handoffMql(deps, args);
        return;
      case 'digest':
        await handoffDigest(deps, args);
        return;
      case 'routing':
        await handoffRouting(deps, args);
        return;
      case 'away':
        await handoffAway(deps, args, rest.join(' '));
        return;
      case 'back':
        await handoffBack(deps, args);
        return;
      default:
        await args.ack({ response_type: 'ephemeral', text: unknownWords('/handoff', words, HANDOFF_USAGE) });
    }
  };
}
