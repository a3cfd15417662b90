import { useEffect } from 'react';
import { sidebarOrder } from '../../lib/sidebar-order';
import { openRoom } from '../../services/rooms';
import { useRoomsStore } from '../../stores/rooms';
import { useUiStore } from '../../stores/ui';

/** Ctrl/Cmd+K quick switcher, Ctrl/Cmd+Shift+F search, Alt+Up/Down to the previous/next room. */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const ui = useUiStore.getState();
      if (mod && !event.shiftKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        if (ui.dialog?.kind === 'quick-switcher') ui.closeDialog();
        else ui.openDialog({ kind: 'quick-switcher' });
      } else if (mod && event.shiftKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        ui.openDialog({ kind: 'search' });
      } else if (event.altKey && !mod && (event.key === 'ArrowUp' || event.key === 'ArrowDown') && !ui.dialog) {
        const order = sidebarOrder(useRoomsStore.getState().rooms);
        if (order.length === 0) return;
        event.preventDefault();
        const index = order.findIndex((r) => r.id === ui.activeRoomId);
        const step = event.key === 'ArrowUp' ? -1 : 1;
        const next = order[(index + step + order.length) % order.length];
        if (next) openRoom(next.id);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
