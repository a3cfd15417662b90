export const LOCAL_SERVER_READY = 'ready';
export const LOCAL_SERVER_FAILED = 'failed';
export const LOCAL_SERVER_STOP = 'stop';

/** What the local server's utility process tells main. */
export type LocalServerMessage = { type: typeof LOCAL_SERVER_READY; url: string } | { type: typeof LOCAL_SERVER_FAILED; error: string };

/** What main tells the local server: shut down gracefully (close sockets, flush the database), then exit. */
export type LocalServerCommand = { type: typeof LOCAL_SERVER_STOP };
