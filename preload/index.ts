/**
 * The preload: exposes `window.droplink` (the DroplinkBridge of common/ipc) and nothing else.
 * Runs sandboxed, so it is bundled to CommonJS with `electron` as its only runtime import.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld(
  'droplink',
  createBridge({
    invoke: (channel, args) => ipcRenderer.invoke(channel, args),
    subscribe: (channel, listener) => {
      const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
      ipcRenderer.on(channel, wrapped);
      return () => ipcRenderer.removeListener(channel, wrapped);
    },
  }),
);
