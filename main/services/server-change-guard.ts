import { normalizeServerUrl, sameServerUrl, serverUrlProblem, serverUrlTransport } from '../../common/ipc';
import type { ConfirmRequest, DialogPort } from '../ports';
import { DesktopError, errorInfo } from './errors';

/** Where the new server URL comes from: the Settings field, or the sign-in / create-account form. */
export type ServerChangeSource = 'settings' | 'sign-in';

const label = (serverUrl: string): string => (serverUrl.trim() === '' ? 'the built-in server' : serverUrl.trim());

function switchServerRequest(next: string, current: string, source: ServerChangeSource): ConfirmRequest {
  const detail =
    source === 'sign-in'
      ? `Droplink now uses ${label(current)}. Your user name and password will be sent to ${label(next)}.`
      : `Droplink now uses ${label(current)}. The new server is used the next time you sign in.`;
  return {
    severity: 'question',
    title: 'Switch server',
    message: `Switch to the server at ${label(next)}?`,
    detail,
    confirmLabel: 'Switch server',
    cancelLabel: 'Cancel',
  };
}

function insecureServerRequest(next: string, current: string, switching: boolean): ConfirmRequest {
  return {
    severity: 'warning',
    title: 'Unencrypted connection',
    message: `${label(next)} does not use HTTPS. Connect without encryption?`,
    detail:
      'Your password and your sign-in token would travel over the network in clear text: anyone on the same ' +
      'network could read them and sign in as you, and read or change your messages. Continue only if you ' +
      'trust every network between you and this server; otherwise ask its administrator for an https:// address.' +
      (switching ? ` It replaces ${label(current)}.` : ''),
    confirmLabel: 'Connect without encryption',
    cancelLabel: 'Cancel',
  };
}

/**
 * Decides whether a server URL may be used, asking the user through main's native dialog when it
 * changes the server or sends credentials in clear text. The window cannot answer these questions
 * itself, so a compromised renderer cannot silently point the app at another server.
 */
export class ServerChangeGuard {
  private asking = false;
  /** Plain-http servers the user accepted in this run (asked again after a restart). */
  private readonly acceptedInsecure = new Set<string>();

  constructor(
    private readonly dialog: DialogPort,
    /** The server the app uses now (the configured URL; '' = built-in). */
    private readonly currentServerUrl: () => string,
  ) {}

  /** Resolves when `next` may be used; throws a DesktopError (invalid_input, or forbidden when the user declined). */
  async approve(next: string, source: ServerChangeSource): Promise<void> {
    const problem = serverUrlProblem(next);
    if (problem) throw new DesktopError(errorInfo('invalid_input', problem));
    const current = this.currentServerUrl();
    const switching = !sameServerUrl(next, current);
    const insecure = serverUrlTransport(next) === 'insecure';
    const needsInsecureConsent = insecure && !this.acceptedInsecure.has(normalizeServerUrl(next));
    if (!switching && !needsInsecureConsent) return;

    const request = needsInsecureConsent ? insecureServerRequest(next, current, switching) : switchServerRequest(next, current, source);
    if (this.asking) throw new DesktopError(errorInfo('conflict', 'Another question about the server is still open.'));
    this.asking = true;
    let accepted: boolean;
    try {
      accepted = await this.dialog.confirm(request);
    } catch {
      accepted = false;
    } finally {
      this.asking = false;
    }
    if (!accepted) {
      throw new DesktopError(
        errorInfo('forbidden', source === 'settings' ? 'The server was not changed.' : `Not signed in: you did not confirm the server ${label(next)}.`),
      );
    }
    if (insecure) this.acceptedInsecure.add(normalizeServerUrl(next));
  }
}
