import { PREVIEW_URL_MAX, PREVIEWS_PER_MESSAGE_MAX } from '../../common/protocol';

/** Fenced code blocks (``` or ~~~) and inline code spans: links inside them are not previewed. */
const CODE = /(^|\n)[ \t]*(```|~~~)[^\n]*\n[\s\S]*?(?:\n[ \t]*\2[^\n]*(?=\n|$)|$)|(`+)[\s\S]*?\3/g;
const LINK = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence rather than the link. */
const TRAILING = /[.,;:!?*_~]+$/;

/**
 * The form a link is cached and matched under: http(s) only, no credentials, no fragment,
 * lower-case host, default port dropped (WHATWG URL serialisation); null for anything else.
 */
export function normaliseUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || !url.hostname) return null;
  url.hash = '';
  const text = url.toString();
  return text.length <= PREVIEW_URL_MAX ? text : null;
}

/** A `)` that closes a parenthesis opened before the link (markdown `[x](url)`, prose) is not part of it. */
function trimLink(candidate: string): string {
  let link = candidate;
  for (;;) {
    const before = link;
    link = link.replace(TRAILING, '');
    if (link.endsWith(')') && (link.match(/\(/g) ?? []).length < (link.match(/\)/g) ?? []).length) link = link.slice(0, -1);
    if (link === before) return link;
  }
}

/** The first distinct http(s) links of a message body, normalised, outside code; at most `PREVIEWS_PER_MESSAGE_MAX`. */
export function extractLinks(body: string, max = PREVIEWS_PER_MESSAGE_MAX): string[] {
  const prose = body.replace(CODE, (match) => ' '.repeat(match.length));
  const links: string[] = [];
  for (const match of prose.matchAll(LINK)) {
    const url = normaliseUrl(trimLink(match[0]));
    if (url && !links.includes(url)) links.push(url);
    if (links.length >= max) break;
  }
  return links;
}

/** Cheap test before queueing a message: could its body hold a link at all? */
export const mayHoldLinks = (body: string): boolean => /https?:\/\//i.test(body);
