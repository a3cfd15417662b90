import { IdSchema } from '../../common/protocol';
import { PROTOCOL_SCHEME } from '../app-identity';

export type DeepLink = { kind: 'room'; roomId: string };

/** Parses `droplink://room/<id>`; anything else is ignored (null). */
export function parseDeepLink(url: string): DeepLink | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${PROTOCOL_SCHEME}:`) return null;
  // droplink://room/<id> parses as host "room", path "/<id>".
  const segments = [parsed.host, ...parsed.pathname.split('/')].filter((s) => s.length > 0);
  if (segments.length !== 2 || segments[0] !== 'room') return null;
  const roomId = IdSchema.safeParse(decodeURIComponent(segments[1] ?? ''));
  return roomId.success ? { kind: 'room', roomId: roomId.data } : null;
}

/** The deep link among a (second instance's) command line, if any. */
export function deepLinkFromArgv(argv: readonly string[]): DeepLink | null {
  for (const arg of argv) {
    if (arg.startsWith(`${PROTOCOL_SCHEME}://`)) return parseDeepLink(arg);
  }
  return null;
}
