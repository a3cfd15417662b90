import { mkdir } from 'node:fs/promises';
import { clipboard, dialog, shell } from 'electron';
import type { Logger } from '../ports';

export interface HelpActionsOptions {
  logsDir: string;
  /** The diagnostics text (services/diagnostics.ts), built when the user asks for it. */
  diagnostics(): string;
  log: Logger;
}

/** What Help → "Open logs folder" and "Copy diagnostics" do. */
export function electronHelpActions(options: HelpActionsOptions): { openLogsFolder(): Promise<void>; copyDiagnostics(): Promise<void> } {
  const { logsDir, log } = options;
  const cannotOpen = (reason: string): void => {
    log.warn(`could not open the logs folder ${logsDir}: ${reason}`);
    dialog.showErrorBox('Could not open the logs folder', `${reason}\n\nThe logs are in:\n${logsDir}`);
  };
  return {
    async openLogsFolder() {
      try {
        await mkdir(logsDir, { recursive: true });
        // shell.openPath resolves to an error message, or '' when the folder was opened.
        const error = await shell.openPath(logsDir);
        if (error) cannotOpen(error);
      } catch (err) {
        cannotOpen(err instanceof Error ? err.message : String(err));
      }
    },
    async copyDiagnostics() {
      try {
        await clipboard.writeText(options.diagnostics());
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        log.warn(`could not copy the diagnostics: ${reason}`);
        dialog.showErrorBox('Could not copy the diagnostics', reason);
        return;
      }
      log.info('diagnostics copied to the clipboard');
      await dialog.showMessageBox({
        type: 'info',
        message: 'Diagnostics copied',
        detail: 'Paste them into your bug report. They contain no passwords or sign-in tokens.',
        buttons: ['OK'],
      });
    },
  };
}
