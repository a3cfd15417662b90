import type { Ack, ClientEventName, ClientPayload } from './client-events';
import type { ServerEventName, ServerPayload } from './server-events';

/** Socket.IO's typed event maps, derived from the protocol tables. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: ClientPayload<E>, ack: (response: Ack<E>) => void) => void;
};
export type ServerToClientEvents = {
  [E in ServerEventName]: (payload: ServerPayload<E>) => void;
};
/** The reason string of a `connect_error` for a missing, forged or expired token. */
export const UNAUTHORIZED_CONNECT_ERROR = 'unauthorized';
