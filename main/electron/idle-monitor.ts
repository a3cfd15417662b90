import { powerMonitor } from 'electron';
import type { IdleMonitor } from '../ports';

export function electronIdleMonitor(): IdleMonitor {
  return {
    idleSeconds: () => powerMonitor.getSystemIdleTime(),
    onLock: (listener) => {
      powerMonitor.on('lock-screen', listener);
      powerMonitor.on('suspend', listener);
    },
    onUnlock: (listener) => {
      powerMonitor.on('unlock-screen', listener);
      powerMonitor.on('resume', listener);
    },
  };
}
