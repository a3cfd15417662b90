import type { ConnectionState, SessionState, Settings } from '../../common/ipc';
import type { LocalServerStatus } from './local-server-status';
import { redactSecrets, redactText } from './log-redaction';

export interface DiagnosticsInput {
  app: { name: string; version: string; packaged: boolean; profile: string };
  versions: { electron?: string | undefined; chrome?: string | undefined; node?: string | undefined };
  os: { platform: string; release: string; arch: string };
  settings: Settings;
  session: SessionState;
  connection: ConnectionState;
  localServer: LocalServerStatus;
  paths: { logs: string; crashDumps: string };
  /** Where crash reports go: null = local dumps only. */
  crashUploadUrl: string | null;
}

/** A server URL without what could carry a secret (user info, query, fragment). */
export function safeServerUrl(url: string): string {
  if (url.trim() === '') return '(none: the bundled local server)';
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `(a ${parsed.protocol} URL)`;
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return '(not a valid URL)';
  }
}

function settingsLines(settings: Settings): string[] {
  return Object.entries(redactSecrets(settings) as Record<string, unknown>).map(([key, value]) => {
    if (key === 'serverUrl') return `  serverUrl: ${safeServerUrl(settings.serverUrl)}`;
    if (key === 'mutedRoomIds' && Array.isArray(value)) return `  mutedRooms: ${value.length}`;
    return `  ${key}: ${JSON.stringify(value)}`;
  });
}

function localServerLine(status: LocalServerStatus): string {
  switch (status.state) {
    case 'running':
      return `running at ${safeServerUrl(status.url)}`;
    case 'failed':
      return `failed: ${redactText(status.error)}`;
    default:
      return status.state;
  }
}

/**
 * The text Help → Copy diagnostics puts on the clipboard for a bug report: versions, OS, settings
 * and connection state. It never contains the session token, passwords or URL credentials; it says
 * whether someone is signed in, not who.
 */
export function buildDiagnostics(input: DiagnosticsInput): string {
  const { app, versions, os, connection, session } = input;
  const lines = [
    `${app.name} ${app.version} (${app.packaged ? 'installed build' : 'development run'}, profile ${app.profile})`,
    `Electron ${versions.electron ?? '?'}, Chrome ${versions.chrome ?? '?'}, Node ${versions.node ?? '?'}`,
    `OS: ${os.platform} ${os.release} (${os.arch})`,
    `Session: ${session.status === 'signedIn' ? 'signed in' : 'signed out'}${session.serverUrl ? ` to ${safeServerUrl(session.serverUrl)}` : ''}`,
    `Connection: ${connection.status}${connection.reason ? ` (${redactText(connection.reason)})` : ''}${connection.retryAt ? `, next retry ${connection.retryAt}` : ''}`,
    `Local server: ${localServerLine(input.localServer)}`,
    `Logs: ${input.paths.logs}`,
    `Crash dumps: ${input.paths.crashDumps} (${input.crashUploadUrl ? `uploaded to ${safeServerUrl(input.crashUploadUrl)}` : 'kept on this machine, not uploaded'})`,
    'Settings:',
    ...settingsLines(input.settings),
  ];
  return `${lines.join('\n')}\n`;
}
