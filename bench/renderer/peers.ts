/**
 * The benchmark's other processes, so that neither competes with the desktop app's main services for
 * one event loop: `server` runs a real Droplink server (startServer) and `sender` is another member
 * of the room on its own Socket.IO connection. Each is a forked child of run.ts (IPC channel):
 *
 *   server: env from the parent -> sends { type: 'listening', url }; on { type: 'close' } closes and exits.
 *   sender: { type: 'connect', url, token } -> { type: 'connected' };
 *           { type: 'send', roomId, count, windowMs } -> { type: 'sent', acked, failed, sendMs, firstError }.
 */
import { v7 as uuidv7 } from 'uuid';
import { IpcPeer, type IpcMessage } from '../support/ipc-peer';

type Reply = IpcMessage;
export type Peer = IpcPeer;

/** Forks this file in the given role. */
export const startPeer = (role: 'server' | 'sender', env: Record<string, string> = {}): Peer =>
  IpcPeer.start(import.meta.filename, [role], `${role} peer`, env);

// ---------------------------------------------------------------- child side

const send = (message: Reply): void => void process.send?.(message);
const fail = (error: unknown): void => send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });

async function serverRole(): Promise<void> {
  const { startServer } = await import('../../server/app');
  const { loadConfig } = await import('../../server/config');
  const running = await startServer(loadConfig(process.env));
  process.on('message', (message: Reply) => {
    if (message.type === 'close') void running.close().finally(() => process.exit(0));
  });
  send({ type: 'listening', url: running.url.replace(/\/+$/, '') });
}

async function senderRole(): Promise<void> {
  const { connect } = await import('../../test/support/protocol-client');
  let client: Awaited<ReturnType<typeof connect>> | undefined;
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
  process.on('message', (message: Reply) => {
    void (async () => {
      try {
        if (message.type === 'close') {
          client?.close();
          process.exit(0);
        } else if (message.type === 'connect') {
          client = await connect({ url: String(message.url) }, String(message.token));
          send({ type: 'connected' });
        } else if (message.type === 'send') {
          const { roomId, count, windowMs } = message as unknown as { roomId: string; count: number; windowMs: number };
          const started = performance.now();
          const acks: Array<Promise<unknown>> = [];
          let sent = 0;
          // Paced by the clock: by time t, t/windowMs of them are out.
          while (sent < count) {
            const due = Math.min(count, Math.max(1, Math.ceil(((performance.now() - started) / windowMs) * count)));
            for (; sent < due; sent++) {
              acks.push(
                client!.call('messages:send', { roomId, clientId: uuidv7(), body: `incoming ${sent + 1} of ${count}: *live* from another member` }, 30_000),
              );
            }
            await sleep(4);
          }
          const sendMs = performance.now() - started;
          const results = await Promise.allSettled(acks);
          const acked = results.filter((r) => r.status === 'fulfilled' && (r.value as { ok?: boolean }).ok === true);
          const firstBad = results.find((r) => !(r.status === 'fulfilled' && (r.value as { ok?: boolean }).ok === true));
          send({
            type: 'sent',
            acked: acked.length,
            failed: count - acked.length,
            sendMs,
            ackedMs: performance.now() - started,
            firstError: firstBad ? JSON.stringify(firstBad.status === 'rejected' ? String(firstBad.reason) : firstBad.value).slice(0, 300) : null,
          });
        }
      } catch (error) {
        fail(error);
      }
    })();
  });
}

const role = process.argv[2];
if (process.send && (role === 'server' || role === 'sender')) {
  process.on('disconnect', () => process.exit(0)); // the parent went away
  (role === 'server' ? serverRole() : senderRole()).catch((error: unknown) => {
    fail(error);
    process.exit(1);
  });
}
