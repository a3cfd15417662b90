import { app, session, shell, type Session } from 'electron';
import { contentSecurityPolicy } from '../services/content-security-policy';
import { safeExternalUrl } from '../services/external-url';
import { isAppPageUrl, originOf } from '../services/ipc-router';

/** Only these permission requests are granted; camera, microphone, geolocation etc. are denied. */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications']);

/**
 * Locks every webContents down: no navigation away from the app's own pages, no new windows
 * (http(s) links open in the browser instead), no <webview>, and only notification permissions.
 */
export function installContentGuards(trustedOrigins: readonly string[]): void {
  // Only the app's page itself: never an attachment (/attachments/*) or another file on its origin.
  const isAppUrl = (url: string): boolean => isAppPageUrl(url, trustedOrigins);
  const openOutside = (url: string): void => {
    const safe = safeExternalUrl(url);
    if (safe) void shell.openExternal(safe);
  };

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (isAppUrl(url)) return;
      event.preventDefault();
      openOutside(url);
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openOutside(url);
      return { action: 'deny' };
    });
  });

  guardPermissions(session.defaultSession);
}

function guardPermissions(target: Session): void {
  target.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)));
  target.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
}

/**
 * Adds the CSP header to the dev server's responses (the packaged renderer gets it from the app://
 * protocol handler).
 */
export function installDevCsp(devOrigin: string, attachmentOrigin: string): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    if (originOf(details.url) !== devOrigin) return callback({});
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [contentSecurityPolicy({ dev: { attachmentOrigin } })],
      },
    });
  });
}
