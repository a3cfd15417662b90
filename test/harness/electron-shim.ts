/**
 * Stands in for `electron` when the real preload is bundled for the harness page. Only what
 * the preload uses exists: contextBridge.exposeInMainWorld and ipcRenderer.invoke/on/removeListener.
 * Calls go to the harness through a Playwright binding; events come back via a global the
 * harness calls with page.evaluate. Byte arrays are tagged so they survive the binding's JSON.
 */
import { HARNESS_BINDING, HARNESS_DELIVER, encodeBytes } from './ipc-wire';

type Listener = (event: unknown, payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

const harnessWindow = window as unknown as Record<string, unknown>;

Object.defineProperty(window, HARNESS_DELIVER, {
  value: (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: null }, payload);
  },
  enumerable: false,
});

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    Object.defineProperty(window, key, { value: Object.freeze(api), enumerable: true, configurable: false, writable: false });
  },
};

export const ipcRenderer = {
  invoke(channel: string, args: unknown): Promise<unknown> {
    const binding = harnessWindow[HARNESS_BINDING] as (channel: string, args: unknown) => Promise<unknown>;
    return binding(channel, encodeBytes(args));
  },
  on(channel: string, listener: Listener): void {
    let set = listeners.get(channel);
    if (!set) listeners.set(channel, (set = new Set()));
    set.add(listener);
  },
  removeListener(channel: string, listener: Listener): void {
    listeners.get(channel)?.delete(listener);
  },
};

export type IpcRendererEvent = unknown;
