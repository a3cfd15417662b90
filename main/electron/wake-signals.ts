import { net, powerMonitor } from 'electron';
import type { WakeSignals } from '../ports';

/**
 * Electron has no main-process "online" event; `net.isOnline()` reads the same network-change
 * notifier that drives the window's `online`/`offline` events, so WakeWatch polls it here rather
 * than trusting (and depending on) the window to report it over IPC.
 */
export function electronWakeSignals(): WakeSignals {
  return {
    onResume: (listener) => void powerMonitor.on('resume', listener),
    onUnlock: (listener) => void powerMonitor.on('unlock-screen', listener),
    networkOnline: () => net.isOnline(),
  };
}
