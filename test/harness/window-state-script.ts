/**
 * Init script that lets the harness play the OS for the page: Electron's page sees its window
 * lose focus or get hidden (document.hasFocus(), visibilityState, focus/blur/visibilitychange
 * events); the harness drives the same signals when a spec says the window blurred or closed.
 */
export const HARNESS_WINDOW_STATE = '__droplinkHarnessWindowState';

export function windowStateScript(initial: { focused: boolean; visible: boolean }): string {
  return `(() => {
  let focused = ${JSON.stringify(initial.focused)};
  let visible = ${JSON.stringify(initial.visible)};
  Object.defineProperty(Document.prototype, 'hasFocus', { value() { return focused; }, configurable: true });
  Object.defineProperty(Document.prototype, 'visibilityState', { get() { return visible ? 'visible' : 'hidden'; }, configurable: true });
  Object.defineProperty(Document.prototype, 'hidden', { get() { return !visible; }, configurable: true });
  Object.defineProperty(window, ${JSON.stringify(HARNESS_WINDOW_STATE)}, {
    value(nextFocused, nextVisible) {
      const focusChanged = nextFocused !== focused;
      const visibilityChanged = nextVisible !== visible;
      focused = nextFocused;
      visible = nextVisible;
      if (visibilityChanged) document.dispatchEvent(new Event('visibilitychange'));
      if (focusChanged) window.dispatchEvent(new Event(focused ? 'focus' : 'blur'));
    },
  });
})();`;
}
