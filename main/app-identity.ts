/** One place for the identifiers the OS knows the app by (electron-builder.yml must agree; a test checks it). */
export const APP_ID = 'app.droplink.desktop';
export const PRODUCT_NAME = 'Droplink';
export const PROTOCOL_SCHEME = 'droplink';
/** The privileged scheme the packaged renderer is served from (so its CSP comes from a response header). */
export const RENDERER_SCHEME = 'app';
export const RENDERER_HOST = 'droplink';
export const RENDERER_ORIGIN = `${RENDERER_SCHEME}://${RENDERER_HOST}`;
