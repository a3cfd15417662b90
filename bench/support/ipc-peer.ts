/**
 * A forked child process of the benchmark with request/reply over its IPC channel. Children run
 * TypeScript through tsx and exit when the parent goes away (see `serveRequests`).
 */
import { fork, type ChildProcess } from 'node:child_process';

export type IpcMessage = Record<string, unknown> & { type: string };

export class IpcPeer {
  private constructor(
    private readonly child: ChildProcess,
    readonly name: string,
  ) {}

  static start(script: string, args: string[], name: string, env: Record<string, string> = {}, extraExecArgv: string[] = []): IpcPeer {
    const child = fork(script, args, {
      execArgv: ['--import', 'tsx', '--expose-gc', ...extraExecArgv],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    return new IpcPeer(child, name);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Sends a message (if any) and waits for the reply of the given type. */
  request<T extends IpcMessage>(message: IpcMessage | null, replyType: string, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`${this.name}: no ${replyType} within ${timeoutMs} ms`)), timeoutMs);
      const onMessage = (reply: IpcMessage): void => {
        if (reply.type === 'error') done(new Error(`${this.name}: ${String(reply.message)}`));
        else if (reply.type === replyType) done(null, reply as T);
      };
      const onExit = (code: number | null): void => done(new Error(`${this.name} exited (${code}) before its ${replyType}`));
      const done = (error: Error | null, value?: T): void => {
        clearTimeout(timer);
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
        if (error) reject(error);
        else resolve(value!);
      };
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      if (message) this.child.send(message);
    });
  }

  /** Asks the child to finish and waits for its exit (killed after a grace period). */
  async stop(graceMs = 15_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.connected) this.child.send({ type: 'close' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

/** Child side: answers each request with the handler's reply; a failure is replied as `error`. */
export function serveRequests(handle: (message: IpcMessage) => Promise<IpcMessage | null>): void {
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: IpcMessage) => {
    handle(message).then(
      (reply) => {
        if (reply) process.send?.(reply);
      },
      (error: unknown) => process.send?.({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
}

export function replyError(error: unknown): void {
  process.send?.({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
