import {
  clientEvents,
  ProtocolError,
  CLIENT_EVENT_NAMES,
  type ClientEventName,
  type ClientResult,
  type ErrorInfo,
  type ParsedPayload,
} from '../../common/protocol';
import type { Logger } from '../logger';
import { parseInput } from '../validation';
import type { DroplinkSocket } from './types';

/** One client event being handled. */
export interface Call {
  userId: string;
  socket: DroplinkSocket;
  /** Runs `effect` after the ack was sent (pushes that must not overtake the ack). */
  afterAck(effect: () => unknown): void;
}

type EventHandler<E extends ClientEventName> = (payload: ParsedPayload<E>, call: Call) => Promise<ClientResult<E>>;
/** A handler for every client event; the compiler flags a protocol event without one. */
export type HandlerTable = { [E in ClientEventName]: EventHandler<E> };

type AnyHandler = (payload: unknown, call: Call) => Promise<object>;
type Reply = ({ ok: true } & object) | { ok: false; error: ErrorInfo };

/** Charges one event to the user's budget before anything else; throws `rate_limited` once it is spent. */
export type ChargeEvent = (event: ClientEventName, userId: string) => Promise<void>;

/** Tracks running handlers so a shutdown can let them finish, and refuses new ones once draining. */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();
  draining = false;

  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const forget = () => this.running.delete(work);
    work.then(forget, forget);
    return work;
  }

  async drain(): Promise<void> {
    this.draining = true;
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}

/**
 * Listens for every client event on the socket: validates the payload with the event's
 * schema, runs the handler, acks `{ok:true,...result}` or `{ok:false,error}`. Nothing a
 * client sends can throw out of here; unexpected errors are logged and acked `internal`.
 */
export function bindHandlers(socket: DroplinkSocket, handlers: HandlerTable, inFlight: InFlight, logger: Logger, charge: ChargeEvent): void {
  const userId = socket.data.userId;
  const listen = socket.on.bind(socket) as (event: string, listener: (...args: unknown[]) => void) => void;

  const ackOf = (args: unknown[]) => {
    const last = args.at(-1);
    return typeof last === 'function' ? (last as (reply: Reply) => void) : undefined;
  };

  for (const event of CLIENT_EVENT_NAMES) {
    listen(event, (...args: unknown[]) => {
      const ack = ackOf(args);
      // An event sent with only an ack callback has an empty payload.
      const payload = args.length > (ack ? 1 : 0) ? args[0] : {};
      void inFlight.track(handle(event, payload, ack));
    });
  }

  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (typeof event === 'string' && Object.hasOwn(clientEvents, event)) return;
    sendAck(ackOf(args), { ok: false, error: { code: 'invalid_input', message: 'unknown event' } }, String(event));
  });

  function sendAck(ack: ((reply: Reply) => void) | undefined, reply: Reply, event: string): void {
    try {
      ack?.(reply);
    } catch (error) {
      logger.warn({ err: error, event }, 'could not send ack');
    }
  }

  async function handle(event: ClientEventName, payload: unknown, ack: ((reply: Reply) => void) | undefined) {
    const effects: Array<() => unknown> = [];
    const call: Call = { userId, socket, afterAck: (effect) => effects.push(effect) };
    let reply: Reply;
    try {
      if (inFlight.draining) throw new ProtocolError('internal', 'the server is shutting down');
      await charge(event, userId);
      const parsed = parseInput(clientEvents[event].payload, payload);
      const result = await (handlers[event] as AnyHandler)(parsed, call);
      reply = { ok: true, ...result };
    } catch (error) {
      effects.length = 0;
      if (error instanceof ProtocolError) {
        reply = { ok: false, error: error.toInfo() };
      } else {
        logger.error({ err: error, event, userId }, 'socket event failed');
        reply = { ok: false, error: { code: 'internal', message: 'internal server error' } };
      }
    }
    sendAck(ack, reply, event);
    for (const effect of effects) {
      try {
        await effect();
      } catch (error) {
        logger.error({ err: error, event, userId }, 'post-ack effect failed');
      }
    }
  }
}
