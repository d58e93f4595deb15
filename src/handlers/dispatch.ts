import type { Deps } from '../deps.ts';

// Bolt runs the filters of every registered listener on every request, each an async middleware
// chain over a fresh copy of the request's arguments. With a listener per command, button and
// modal, every ack paid for all of them (measured: 18 listeners ack ~1.5× slower than 2). So
// each kind of request has one Bolt listener, which finds its handler by name in a table.

export type Handler<A> = (args: A) => Promise<void>;

/** Handlers by name; each takes the narrower arguments of what it answers (a button click, a modal's submission). */
export type HandlerTable = Record<string, Handler<never>>;

/**
 * One listener for a kind of request. `keyOf` names the handler; a key with a colon also finds
 * the handler of its prefix (rating buttons carry the asset id: `rate_useful:42`). Requests no
 * handler knows go to `unknown`, which must ack: Bolt would otherwise answer 404 after 3 s.
 * Shutdown waits for a handler's work past its ack (deps.inFlight).
 */
export function dispatcher<A extends { ack: (...args: never[]) => Promise<void> }>(
  deps: Deps, table: HandlerTable, keyOf: (args: A) => string, unknown: Handler<A>, options: { workAfterAckWaitsItsTurn?: boolean } = {},
): Handler<A> {
  const handlers = new Map(Object.entries(table) as [string, Handler<A>][]);
  return function dispatch(args: A): Promise<void> {
    const key = keyOf(args);
    const colon = key.indexOf(':');
    const handler = handlers.get(key) ?? (colon > 0 ? handlers.get(key.slice(0, colon)) : undefined) ?? unknown;
    return deps.inFlight.track(handler(options.workAfterAckWaitsItsTurn ? withTurnAfterAck(deps, args) : args));
  };
}

/**
 * A click's work after its ack waits for a turn (deps.dbHandle.turns), so the acks of requests that
 * arrived meanwhile go first; the handler only acks, and its next line already has the turn.
 */
function withTurnAfterAck<A extends { ack: (...args: never[]) => Promise<void> }>(deps: Deps, args: A): A {
  const ack = args.ack;
  return { ...args, ack: (async (...ackArgs: never[]) => { await ack(...ackArgs); await deps.dbHandle.turns.turn(); }) as A['ack'] };
}

/** A listener whose work past its ack shutdown waits for. */
export function tracked<A>(deps: Deps, handler: Handler<A>): Handler<A> {
  return (args) => deps.inFlight.track(handler(args));
}
