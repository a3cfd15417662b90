import type { ElectronPackage } from './electron-package';

const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/';

type Env = Record<string, string | undefined>;

/** What went wrong fetching Electron, and what the user can do about it, as text for the terminal. */
export function describeDownloadFailure(error: unknown, electron: ElectronPackage, env: Env, platform = process.platform): string {
  const zip = `electron-v${electron.version}-${electron.platform}-${electron.arch}.zip`;
  const mirror = env.npm_config_electron_mirror || env.ELECTRON_MIRROR;
  const command = rerunCommand(env.npm_lifecycle_event);
  const remoteChecksums = Boolean(env.electron_use_remote_checksums || env.npm_config_electron_use_remote_checksums);
  const withEnv = (name: string, value: string): string =>
    platform === 'win32' ? `$env:${name}="${value}"; ${command}   (PowerShell)` : `${name}=${value} ${command}`;

  return [
    `Could not get Electron ${electron.version} (${zip}): ${reason(error)}`,
    `  from: ${mirror ?? `${DEFAULT_MIRROR} (the default; ELECTRON_MIRROR is not set)`}`,
    ...specificHint(error, remoteChecksums),
    '',
    'What you can do:',
    '  - Download from a mirror of Electron releases (your company mirror, or a public one):',
    `      ${withEnv('ELECTRON_MIRROR', 'https://npmmirror.com/mirrors/electron/')}`,
    `    The mirror needs the layout v${electron.version}/${zip}. The zip is still checked against the`,
    '    checksums shipped in node_modules/electron/checksums.json, so a mirror cannot substitute another build',
    `    (${remoteChecksums ? "now it is checked against the mirror's SHASUMS256.txt, as electron_use_remote_checksums is set" : 'unless electron_use_remote_checksums is set'}).`,
    '  - Behind an HTTP proxy: set HTTPS_PROXY (and NO_PROXY if needed) together with NODE_USE_ENV_PROXY=1',
    '    (Node.js 22.21 or later), e.g.',
    `      ${withEnv('NODE_USE_ENV_PROXY', '1 HTTPS_PROXY=http://proxy.example:8080')}`,
    '  - Without network access: reuse the download cache of a machine that has fetched this version from',
    '    the same mirror (default ~/.cache/electron on Linux, ~/Library/Caches/electron on macOS,',
    '    %LOCALAPPDATA%\\electron\\Cache on Windows) by copying it here or pointing electron_config_cache at it:',
    `      ${withEnv('electron_config_cache', '/path/to/electron-cache')}`,
  ].join('\n');
}

function rerunCommand(lifecycleEvent: string | undefined): string {
  if (!lifecycleEvent || lifecycleEvent === 'start') return 'npm start';
  return `npm run ${lifecycleEvent}`;
}

function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const code = cause && 'code' in cause ? String(cause.code) : undefined;
  if (cause) return `${error.message} (${code ?? cause.message})`;
  return error.message;
}

function specificHint(error: unknown, remoteChecksums: boolean): string[] {
  const message = error instanceof Error ? error.message : String(error);
  if (/did not match expected checksum|No checksum found/.test(message)) {
    const source = remoteChecksums ? "the mirror's SHASUMS256.txt" : 'node_modules/electron/checksums.json';
    return [
      `  The file downloaded does not match its checksum in ${source}: the mirror serves a different or`,
      '  damaged build, or something on the way altered it. Nothing was installed. Do not turn checksums off;',
      '  try again, or use another mirror.',
    ];
  }
  if (/^Response code 404/.test(message)) {
    return ['  The mirror has no such file: check that ELECTRON_MIRROR ends with "/" and has the layout below.'];
  }
  if (/^Response code/.test(message)) return ['  The server refused the download (see the response code above).'];
  if (/fetch failed/.test(message)) {
    return ['  The server could not be reached: no network, a firewall, or a proxy that Node.js is not told about.'];
  }
  return [];
}
