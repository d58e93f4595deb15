import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { parseEnd } from '../../domain/hotleads/parse.ts';
import { poolReps } from '../../domain/routing/assign.ts';
import { setAway, setBack } from '../../domain/routing/away.ts';
import { slaFor } from '../../domain/sla.ts';
import { routingReply, ROUTING_TEXT } from '../../views/routing.ts';

type Args = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

/** `/handoff routing`: the pools in plain words, and who in each is available now and why not. */
export async function handoffRouting(deps: Deps, args: Args): Promise<void> {
  const now = deps.clock.now();
  const pools = deps.routing
    ? await Promise.all(deps.routing.pools.map(async (p) => ({ name: p.name, match: p.match, reps: await poolReps(deps.db, deps.routing!, p, now, deps.config.timeZone, slaFor(deps.config.leadSla, null)) })))
    : [];
  await args.ack({ response_type: 'ephemeral', text: routingReply(deps.routing, pools) });
}

/** `/handoff away [until DATE | N days]`: pools skip the rep; `/handoff back` ends it. */
export async function handoffAway(deps: Deps, args: Args, words: string): Promise<void> {
  const now = deps.clock.now();
  const end = words ? parseEnd(words, { now, timeZone: deps.config.timeZone, defaultDays: 1 }) : undefined;
  if (words && !end) return void (await args.ack({ response_type: 'ephemeral', text: ROUTING_TEXT.badAway(`I could not read \`${words}\` as a date or a length.`) }));
  if (end && 'problem' in end) return void (await args.ack({ response_type: 'ephemeral', text: ROUTING_TEXT.badAway(end.problem) }));
  await setAway(deps.db, args.command.user_id, end?.until, now);
  await args.ack({ response_type: 'ephemeral', text: end ? ROUTING_TEXT.awayUntil(end.lastDay) : ROUTING_TEXT.awayUntilBack });
}

export async function handoffBack(deps: Deps, args: Args): Promise<void> {
  const wasAway = await setBack(deps.db, args.command.user_id, deps.clock.now());
  await args.ack({ response_type: 'ephemeral', text: wasAway ? ROUTING_TEXT.back : ROUTING_TEXT.notAway });
}
