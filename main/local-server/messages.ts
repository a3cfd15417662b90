export const LOCAL_SERVER_READY = 'ready';
export const LOCAL_SERVER_FAILED = 'failed';

/** What the local server's utility process tells main. */
export type LocalServerMessage = { type: typeof LOCAL_SERVER_READY; url: string } | { type: typeof LOCAL_SERVER_FAILED; error: string };
