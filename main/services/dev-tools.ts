/**
 * Whether the developer tools (View menu, "Inspect element") are offered: always in development
 * runs; in an installed build only when the user turned on the setting or started the app with
 * DROPLINK_DEVTOOLS=1.
 */
export function devToolsEnabled(input: { setting: boolean; env: Record<string, string | undefined>; isPackaged: boolean }): boolean {
  return !input.isPackaged || input.setting || input.env.DROPLINK_DEVTOOLS === '1';
}
