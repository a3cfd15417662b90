import { describe, expect, it } from 'vitest';
import { PREVIEW_DESCRIPTION_MAX, PREVIEW_TITLE_MAX } from '../../../common/protocol';
import { cleanText, HeadMetadataParser } from '../../../server/previews/parse-metadata';

const parse = (html: string, url = 'https://site.example/a/page'): ReturnType<HeadMetadataParser['result']> => {
  const parser = new HeadMetadataParser(url);
  parser.write(html);
  return parser.result();
};

describe('HeadMetadataParser', () => {
  it('prefers Open Graph, then Twitter cards, then <title> and meta description', () => {
    expect(
      parse(`<head><title>Plain</title><meta name="description" content="meta desc">
        <meta name="twitter:title" content="Tw title"><meta property="og:title" content="OG title">
        <meta property="og:description" content="OG desc"><meta property="og:site_name" content="Site">
        <meta property="og:image" content="/img/a.png"></head>`),
    ).toEqual({ title: 'OG title', description: 'OG desc', siteName: 'Site', imageUrl: 'https://site.example/img/a.png' });
    expect(
      parse(`<head><title>Plain</title><meta name="description" content="meta desc"><meta name="twitter:title" content="Tw title">
        <meta name="twitter:image" content="https://cdn.example/t.jpg"></head>`),
    ).toEqual({ title: 'Tw title', description: 'meta desc', siteName: null, imageUrl: 'https://cdn.example/t.jpg' });
    expect(parse('<head><title>  Only\n  a   title </title></head>')).toEqual({ title: 'Only a title', description: null, siteName: null, imageUrl: null });
  });

  it('decodes entities in text and attributes', () => {
    const result = parse(
      `<title>Tom &amp; Jerry &#8211; &quot;live&quot;</title><meta property="og:description" content="a &lt;b&gt; &eacute;t&eacute; &#x1F600;">`,
    );
    expect(result.title).toBe('Tom & Jerry – "live"');
    expect(result.description).toBe('a <b> été 😀');
  });

  it('trims the title to 200 and the description to 500 characters', () => {
    const result = parse(`<title>${'t'.repeat(300)}</title><meta name="description" content="${'d'.repeat(900)}">`);
    expect([...(result.title ?? '')]).toHaveLength(PREVIEW_TITLE_MAX);
    expect(result.title?.endsWith('…')).toBe(true);
    expect([...(result.description ?? '')]).toHaveLength(PREVIEW_DESCRIPTION_MAX);
  });

  it('says when the head is over, in pieces, and ignores what follows', () => {
    const parser = new HeadMetadataParser('https://site.example/');
    expect(parser.write('<html><head><ti')).toBe(false);
    expect(parser.write('tle>Split</title>')).toBe(false);
    expect(parser.write('</head><body><meta property="og:title" content="in the body">')).toBe(true);
    expect(parser.write('<title>later</title>')).toBe(true);
    expect(parser.result().title).toBe('Split');
    const noHeadTag = new HeadMetadataParser('https://site.example/');
    expect(noHeadTag.write('<title>x</title><body>')).toBe(true);
  });

  it('keeps only http(s) images', () => {
    expect(parse('<meta property="og:image" content="javascript:alert(1)">').imageUrl).toBeNull();
    expect(parse('<meta property="og:image" content="data:image/png;base64,AAAA">').imageUrl).toBeNull();
    expect(parse('<meta property="og:image" content="//cdn.example/x.png">', 'http://site.example/').imageUrl).toBe('http://cdn.example/x.png');
  });

  it('cleanText drops control characters and empty values', () => {
    expect(cleanText('a\u0000b\u0007 c', 10)).toBe('a b c');
    expect(cleanText('   ', 10)).toBeNull();
    expect(cleanText(undefined, 10)).toBeNull();
  });
});
