import {
  INVOKE_NAMES,
  IPC_EVENTS_CHANNEL,
  invokeChannel,
  type DesktopEvent,
  type DroplinkBridge,
  type InvokeArgs,
  type InvokeName,
  type InvokeResponse,
} from '../common/ipc';

export interface IpcTransport {
  invoke(channel: string, args: unknown): Promise<unknown>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

const knownNames: ReadonlySet<string> = new Set(INVOKE_NAMES);

/**
 * `window.droplink`, derived from the contract. Arguments are checked by main (the trust
 * boundary); here only the name is, so a typo fails fast without a round trip.
 */
export function createBridge(transport: IpcTransport): DroplinkBridge {
  return {
    invoke<N extends InvokeName>(name: N, args: InvokeArgs<N>): Promise<InvokeResponse<N>> {
      if (!knownNames.has(name)) {
        const unknownCall: InvokeResponse<N> = { ok: false, error: { code: 'invalid_input', message: `Unknown call: ${String(name)}` } };
        return Promise.resolve(unknownCall);
      }
      return transport.invoke(invokeChannel(name), args) as Promise<InvokeResponse<N>>;
    },
    onEvents(listener) {
      return transport.subscribe(IPC_EVENTS_CHANNEL, (batch) => {
        if (Array.isArray(batch)) listener(batch as DesktopEvent[]);
      });
    },
  };
}
