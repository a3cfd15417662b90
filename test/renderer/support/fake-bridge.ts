import type { DesktopEvent, DroplinkBridge, ErrorCode, InvokeArgs, InvokeName, InvokeResponse, InvokeResult } from '../../../renderer/src/shared/contract';

type Handler<N extends InvokeName> = (args: InvokeArgs<N>) => InvokeResult<N> | Promise<InvokeResult<N>>;

/** Thrown from a handler to make the call fail with this code, as main would. */
export class FakeFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A stand-in for the preload's `window.droplink`: calls are recorded and answered by the
 * handlers a test registers; `emit` pushes a batch of events as main does.
 */
export class FakeBridge implements DroplinkBridge {
  readonly calls: { name: InvokeName; args: unknown }[] = [];
  private readonly handlers = new Map<InvokeName, (args: unknown) => unknown>();
  private readonly listeners = new Set<(events: DesktopEvent[]) => void>();

  handle<N extends InvokeName>(name: N, handler: Handler<N>): this {
    this.handlers.set(name, handler as (args: unknown) => unknown);
    return this;
  }

  async invoke<N extends InvokeName>(name: N, args: InvokeArgs<N>): Promise<InvokeResponse<N>> {
    this.calls.push({ name, args });
    const handler = this.handlers.get(name);
    if (!handler) return { ok: true, value: {} as InvokeResult<N> };
    try {
      return { ok: true, value: (await handler(args)) as InvokeResult<N> };
    } catch (error) {
      if (error instanceof FakeFailure) return { ok: false, error: { code: error.code, message: error.message } };
      throw error;
    }
  }

  onEvents(listener: (events: DesktopEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(...events: DesktopEvent[]): void {
    for (const listener of this.listeners) listener(events);
  }

  callsOf<N extends InvokeName>(name: N): InvokeArgs<N>[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.args as InvokeArgs<N>);
  }
}

export function installFakeBridge(): FakeBridge {
  const bridge = new FakeBridge();
  window.droplink = bridge;
  return bridge;
}
