import { Parser } from 'htmlparser2';
import { PREVIEW_DESCRIPTION_MAX, PREVIEW_TITLE_MAX } from '../../common/protocol';

export interface PageMetadata {
  title: string | null;
  description: string | null;
  siteName: string | null;
  /** Absolute http(s) URL of the page's image, resolved against the page's URL. */
  imageUrl: string | null;
}

const SITE_NAME_MAX = 100;
const META_KEYS = new Set([
  'og:title',
  'og:description',
  'og:site_name',
  'og:image',
  'og:image:url',
  'og:image:secure_url',
  'twitter:title',
  'twitter:description',
  'twitter:image',
  'twitter:image:src',
  'description',
]);

/** Whitespace collapsed, control characters dropped, cut to `max` characters (with an ellipsis); null when empty. */
export function cleanText(value: string | undefined, max: number): string | null {
  if (value === undefined) return null;
  // eslint-disable-next-line no-control-regex -- the point is to drop them
  const text = value.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
  if (!text) return null;
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

function absoluteHttpUrl(value: string | undefined, base: string): string | null {
  if (!value?.trim()) return null;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/**
 * Reads Open Graph, Twitter card, `<title>` and `<meta name=description>` from a page's head,
 * fed in pieces as they arrive; `write` answers true once the head is over (`</head>` or
 * `<body>`), so the rest of the page need not be downloaded. Entities are decoded by the parser.
 */
export class HeadMetadataParser {
  private readonly meta = new Map<string, string>();
  private title = '';
  private inTitle = false;
  private titleSeen = false;
  private done = false;
  private readonly parser: Parser;

  constructor(private readonly pageUrl: string) {
    this.parser = new Parser(
      {
        // The rest of a piece that ended the head is still parsed: what comes after the head is ignored.
        onopentag: (name, attributes) => {
          if (this.done) return;
          if (name === 'body') this.done = true;
          else if (name === 'title' && !this.titleSeen) this.inTitle = true;
          else if (name === 'meta') {
            const key = (attributes.property ?? attributes.name ?? '').trim().toLowerCase();
            const content = attributes.content;
            if (META_KEYS.has(key) && content !== undefined && !this.meta.has(key)) this.meta.set(key, content);
          }
        },
        ontext: (text) => {
          if (this.inTitle && !this.done) this.title += text;
        },
        onclosetag: (name) => {
          if (name === 'title' && this.inTitle) {
            this.inTitle = false;
            this.titleSeen = true;
          } else if (name === 'head') this.done = true;
        },
      },
      { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
    );
  }

  /** Feeds more of the page; true once the head is over. */
  write(html: string): boolean {
    if (!this.done) this.parser.write(html);
    return this.done;
  }

  result(): PageMetadata {
    if (!this.done) this.parser.end();
    const pick = (...keys: string[]) => keys.map((key) => this.meta.get(key)).find((value) => value?.trim());
    return {
      title: cleanText(pick('og:title', 'twitter:title') ?? (this.title || undefined), PREVIEW_TITLE_MAX),
      description: cleanText(pick('og:description', 'twitter:description', 'description'), PREVIEW_DESCRIPTION_MAX),
      siteName: cleanText(pick('og:site_name'), SITE_NAME_MAX),
      imageUrl: absoluteHttpUrl(pick('og:image:secure_url', 'og:image', 'og:image:url', 'twitter:image', 'twitter:image:src'), this.pageUrl),
    };
  }
}
