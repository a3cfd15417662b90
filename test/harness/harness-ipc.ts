import type { BrowserContext, Page } from '@playwright/test';
import type { DesktopEvent } from '../../common/ipc';
import type { IpcHandler, IpcPort } from '../../main/ports';
import { decodeBytes, HARNESS_BINDING, HARNESS_DELIVER } from './ipc-wire';

let nextPageId = 1;
const pageIds = new WeakMap<Page, number>();
/** A stable per-page number, standing in for Electron's webContents.id. */
export function pageIdOf(page: Page): number {
  let id = pageIds.get(page);
  if (id === undefined) pageIds.set(page, (id = nextPageId++));
  return id;
}

/**
 * The harness's ipcMain + webContents.send. Invokes arrive through a Playwright binding and are
 * answered by the handlers main registered, with the calling page and frame as the sender
 * (so main's sender check runs for real). Sends go to the main window page, in order.
 */
export class HarnessIpc implements IpcPort {
  private readonly handlers = new Map<string, IpcHandler>();
  private target: Page | null = null;
  private delivery: Promise<unknown> = Promise.resolve();
  readonly batches: DesktopEvent[][] = [];

  handle(channel: string, handler: IpcHandler): void {
    this.handlers.set(channel, handler);
  }

  send(channel: string, payload: unknown): void {
    this.batches.push(payload as DesktopEvent[]);
    const page = this.target;
    if (!page) return;
    this.delivery = this.delivery
      .then(() =>
        page.evaluate(({ name, channel: ch, data }) => (window as unknown as Record<string, (c: string, d: unknown) => void>)[name]?.(ch, data), {
          name: HARNESS_DELIVER,
          channel,
          data: payload,
        }),
      )
      .catch(() => undefined); // the page may be closing
  }

  /** Routes the context's binding to this port (once per browser context). */
  async bind(context: BrowserContext): Promise<void> {
    await context.exposeBinding(HARNESS_BINDING, async (source, channel: unknown, args: unknown) => {
      const handler = typeof channel === 'string' ? this.handlers.get(channel) : undefined;
      if (!handler) throw new Error(`No handler registered for '${String(channel)}'`);
      return handler({ webContentsId: pageIdOf(source.page), url: source.frame.url() }, decodeBytes(args));
    });
  }

  /** The main window's page: events go here. */
  attach(page: Page | null): void {
    this.target = page;
  }

  async drain(): Promise<void> {
    await this.delivery;
  }
}
