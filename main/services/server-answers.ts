import { clientEvents, ErrorInfoSchema, serverEvents, type Ack, type ClientEventName, type ServerEventName, type ServerPayload } from '../../common/protocol';

/**
 * The one place where what the server sends over the socket is checked against the protocol
 * (common/protocol) before anything in main uses it. A failure names only the event and the path of
 * the first offending field: never the values, which may be message contents.
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

const problemOf = (issues: readonly { path: readonly PropertyKey[]; message: string }[]): string => {
  const first = issues[0];
  if (!first) return 'does not match the protocol';
  const where = first.path.map(String).join('.') || 'the payload';
  return `${where}: ${first.message}`;
};

export function checkPush<E extends ServerEventName>(name: E, raw: unknown): Checked<ServerPayload<E>> {
  const parsed = serverEvents[name].safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data as ServerPayload<E> } : { ok: false, problem: problemOf(parsed.error.issues) };
}

const FailureAckSchema = ErrorInfoSchema.transform((error) => ({ ok: false as const, error }));

/** An ack is `{ ok: true, ...result }` with the event's result shape, or `{ ok: false, error }`. */
export function checkAck<E extends ClientEventName>(event: E, raw: unknown): Checked<Ack<E>> {
  if (!raw || typeof raw !== 'object' || !('ok' in raw)) return { ok: false, problem: 'not an ack object' };
  if (raw.ok === false) {
    const failure = FailureAckSchema.safeParse((raw as { error?: unknown }).error);
    return failure.success ? { ok: true, value: failure.data } : { ok: false, problem: `error.${problemOf(failure.error.issues)}` };
  }
  if (raw.ok !== true) return { ok: false, problem: 'ok: neither true nor false' };
  const result = clientEvents[event].result.safeParse(raw);
  if (!result.success) return { ok: false, problem: problemOf(result.error.issues) };
  return { ok: true, value: { ok: true, ...(result.data as object) } as Ack<E> };
}
