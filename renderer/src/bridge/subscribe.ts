import { getBridge } from './call';
import { dispatchEvents } from './dispatch';

/** Starts feeding main's events into the stores; returns the unsubscribe function. */
export function subscribeToEvents(): () => void {
  return getBridge().onEvents(dispatchEvents);
}
