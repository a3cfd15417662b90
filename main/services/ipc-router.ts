import { INVOKE_NAMES, invokeChannel, invokes, type InvokeName, type InvokeResponse, type InvokeResult, type ParsedInvokeArgs } from '../../common/ipc';
import type { IpcPort, IpcSender, Logger } from '../ports';
import { toErrorInfo } from './errors';

/** One handler per invoke in the contract; a missing one is a type error. */
export type InvokeHandlers = { [N in InvokeName]: (args: ParsedInvokeArgs<N>) => Promise<InvokeResult<N>> };

export type SenderPolicy = (sender: IpcSender) => boolean;

const MAX_ISSUES_IN_MESSAGE = 3;

/** Scheme + host of a URL. (URL#origin is "null" for custom schemes like app://, so it is built by hand.) */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

/** The paths the renderer's one page is served at ('/' is index.html on app:// and on the dev server). */
const APP_PAGE_PATHS: ReadonlySet<string> = new Set(['/', '/index.html']);

/**
 * Whether a URL is the app's own page: index.html at one of the trusted origins. Anything else at
 * those origins (an attachment under /attachments/, another file of the build) is not.
 */
export function isAppPageUrl(url: string, trustedOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  if (origin === null || !trustedOrigins.includes(origin)) return false;
  try {
    return APP_PAGE_PATHS.has(new URL(url).pathname);
  } catch {
    return false;
  }
}

/** Trusts only the main window's webContents, and only while it shows the app's own page. */
export function mainWindowSenderPolicy(mainWebContentsId: () => number | null, trustedOrigins: readonly string[]): SenderPolicy {
  return (sender) => {
    const id = mainWebContentsId();
    if (id === null || sender.webContentsId !== id) return false;
    return isAppPageUrl(sender.url, trustedOrigins);
  };
}

/** Validates and answers one invoke; never throws, always returns the contract's envelope. */
export async function answerInvoke<N extends InvokeName>(
  name: N,
  handler: (args: ParsedInvokeArgs<N>) => Promise<InvokeResult<N>>,
  isTrusted: SenderPolicy,
  sender: IpcSender,
  raw: unknown,
  log: Logger,
): Promise<InvokeResponse<N>> {
  if (!isTrusted(sender)) {
    log.warn(`ipc: refused '${name}' from an untrusted sender (${sender.webContentsId} ${originOf(sender.url) ?? 'invalid url'})`);
    return { ok: false, error: { code: 'forbidden', message: 'This window may not call the app.' } };
  }
  const parsed = invokes[name].args.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, MAX_ISSUES_IN_MESSAGE)
      .map((issue) => `${issue.path.join('.') || 'args'}: ${issue.message}`)
      .join('; ');
    return { ok: false, error: { code: 'invalid_input', message: `Invalid arguments for ${name}: ${issues}` } };
  }
  try {
    return { ok: true, value: await handler(parsed.data as ParsedInvokeArgs<N>) };
  } catch (err) {
    const error = toErrorInfo(err);
    if (error.code === 'internal') log.error(`ipc: '${name}' failed`, err);
    return { ok: false, error };
  }
}

/** Binds every invoke of the contract to its handler on the IPC port. */
export function registerInvokeHandlers(ipc: IpcPort, handlers: InvokeHandlers, isTrusted: SenderPolicy, log: Logger): void {
  for (const name of INVOKE_NAMES) {
    ipc.handle(invokeChannel(name), (sender, raw) => answerInvoke(name, handlers[name] as never, isTrusted, sender, raw, log));
  }
}
