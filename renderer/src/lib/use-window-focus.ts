import { useEffect } from 'react';
import { useUiStore } from '../stores/ui';

/** Tracks whether the window has focus: rooms are only marked read while the user can see them. */
export function useWindowFocus(): void {
  useEffect(() => {
    const update = () => useUiStore.getState().setWindowFocused(document.hasFocus() && document.visibilityState === 'visible');
    update();
    window.addEventListener('focus', update);
    window.addEventListener('blur', update);
    document.addEventListener('visibilitychange', update);
    return () => {
      window.removeEventListener('focus', update);
      window.removeEventListener('blur', update);
      document.removeEventListener('visibilitychange', update);
    };
  }, []);
}
