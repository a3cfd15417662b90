import { describe, expect, it } from 'vitest';
import { PREVIEW_URL_MAX } from '../../../common/protocol';
import { extractLinks, mayHoldLinks, normaliseUrl } from '../../../server/previews/extract-links';

describe('extractLinks', () => {
  it('finds http(s) links in prose, without the punctuation that ends the sentence', () => {
    expect(extractLinks('see https://example.com/a.b?x=1. and http://other.example/path, ok!')).toEqual([
      'https://example.com/a.b?x=1',
      'http://other.example/path',
    ]);
  });

  it('keeps balanced parentheses and drops the closing one of markdown links and prose', () => {
    expect(extractLinks('(https://en.wikipedia.org/wiki/Pi_(letter)) and [docs](https://docs.example/page)')).toEqual([
      'https://en.wikipedia.org/wiki/Pi_(letter)',
      'https://docs.example/page',
    ]);
  });

  it('skips links in code spans and fenced code blocks', () => {
    const body = 'try `https://inline.example` then\n```\nhttps://block.example\n```\nor\n~~~js\nhttps://tilde.example\n~~~\nhttps://after.example';
    expect(extractLinks(body)).toEqual(['https://after.example/']);
  });

  it('takes at most three distinct links, in body order, normalised', () => {
    const body = 'https://A.example https://a.example/ https://a.example:443/#top https://b.example https://c.example https://d.example';
    expect(extractLinks(body)).toEqual(['https://a.example/', 'https://b.example/', 'https://c.example/']);
  });

  it('ignores other schemes and links with credentials', () => {
    expect(extractLinks('ftp://x.example javascript:alert(1) mailto:a@b.example http://user:pw@x.example <https://auto.example>')).toEqual([
      'https://auto.example/',
    ]);
  });

  it('mayHoldLinks is a cheap pre-check', () => {
    expect(mayHoldLinks('no links here')).toBe(false);
    expect(mayHoldLinks('HTTPS://x.example')).toBe(true);
  });
});

describe('normaliseUrl', () => {
  it('lower-cases the host, drops the fragment and the default port', () => {
    expect(normaliseUrl('HTTP://Example.COM:80/Path?q=A#frag')).toBe('http://example.com/Path?q=A');
    expect(normaliseUrl('https://example.com:8443')).toBe('https://example.com:8443/');
  });

  it('refuses what is not an http(s) link a preview may be made of', () => {
    expect(normaliseUrl('not a url')).toBeNull();
    expect(normaliseUrl('file:///etc/passwd')).toBeNull();
    expect(normaliseUrl('https://u:p@example.com/')).toBeNull();
    expect(normaliseUrl(`https://example.com/${'a'.repeat(PREVIEW_URL_MAX)}`)).toBeNull();
  });
});
