import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { forPerson } from '../../errors.ts';
import { parseHotleadCommand, type HotleadCommand } from '../../domain/hotleads/parse.ts';
import { pauseMarketingEmails } from '../../domain/hotleads/pause.ts';
import { releaseMarketingPause, shortenMarketingPause } from '../../domain/hotleads/release.ts';
import { listActivePauses } from '../../domain/hotleads/store.ts';
import {
  HOTLEAD_FAILED, invalidHotlead, LIST_ALL_REFUSED, notPausedReply, notShorterReply, pauseListReply, pauseReply, releasedReply, releaseRefusedReply, SALES_ONLY, shortenedReply,
} from '../../views/hotlead-replies.ts';
import { HOTLEAD_USAGE } from '../../views/usage.ts';
import { isSalesWithinAck } from './sales-access.ts';

type Args = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

/** What the caller reads for one parsed command; every branch is a local database call. */
async function answer(deps: Deps, userId: string, command: Exclude<HotleadCommand, { kind: 'help' | 'invalid' }>): Promise<string> {
  const { timeZone, marketingChannel } = deps.config;
  switch (command.kind) {
    case 'list': {
      if (command.all && !deps.permissions.isAdmin(userId)) return LIST_ALL_REFUSED;
      const pauses = await listActivePauses(deps.db, command.all ? undefined : userId);
      return pauseListReply(pauses, command.all ? 'all' : 'mine', timeZone);
    }
    case 'release': {
      const result = await releaseMarketingPause(deps, { email: command.email, by: userId, byIsAdmin: deps.permissions.isAdmin(userId) });
      if (result.outcome === 'not_paused') return notPausedReply(command.email);
      if (result.outcome === 'refused') return releaseRefusedReply(result.pause, result.owners);
      return releasedReply(result.pause, marketingChannel);
    }
    case 'shorten': {
      const result = await shortenMarketingPause(deps, { email: command.email, by: userId, byIsAdmin: deps.permissions.isAdmin(userId), until: command.until });
      if (result.outcome === 'not_paused') return notPausedReply(command.email, 'shorten');
      if (result.outcome === 'refused') return releaseRefusedReply(result.pause, result.owners, 'shorten the pause on');
      if (result.outcome === 'not_shorter') return notShorterReply(result.pause, timeZone);
      return shortenedReply(result.pause, result.previousUntil, timeZone);
    }
    case 'pause': {
      const result = await pauseMarketingEmails(deps, { email: command.email, by: userId, until: command.until, note: command.note, source: 'command' });
      return pauseReply({ ...result, marketingChannel }, timeZone);
    }
  }
}

/** `/hotlead EMAIL [DAYS|Nd|until DATE] [note…] | release EMAIL | list [all] | help` */
export function hotleadCommand(deps: Deps) {
  return async function hotlead(args: Args): Promise<void> {
    const userId = args.command.user_id;
    const command = parseHotleadCommand(args.command.text ?? '', {
      now: deps.clock.now(),
      timeZone: deps.config.timeZone,
      defaultDays: deps.config.hotleadDefaultDays,
    });
    if (command.kind === 'help') {
      await args.ack({ response_type: 'ephemeral', text: HOTLEAD_USAGE });
      return;
    }
    if (command.kind === 'invalid') {
      await args.ack({ response_type: 'ephemeral', text: invalidHotlead(command.problem, command.unknownWords ? args.command.text : undefined) });
      return;
    }

    let text: string;
    try {
      text = (await isSalesWithinAck(deps, userId)) ? await answer(deps, userId, command) : SALES_ONLY;
    } catch (error) {
      const told = forPerson(error);
      if (told === undefined) {
        await args.ack({ response_type: 'ephemeral', text: HOTLEAD_FAILED });
        throw error;
      }
      text = told;
    }
    await args.ack({ response_type: 'ephemeral', text });
  };
}
