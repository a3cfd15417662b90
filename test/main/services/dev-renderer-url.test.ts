import { describe, expect, it } from 'vitest';
import { devRendererUrl } from '../../../main/services/dev-renderer-url';

describe('devRendererUrl (ELECTRON_RENDERER_URL)', () => {
  it('is honoured in an unpacked run for loopback http URLs', () => {
    for (const url of ['http://localhost:5173/', 'http://127.0.0.1:5173/', 'http://[::1]:5173/']) expect(devRendererUrl(url, false)).toEqual({ url });
  });

  it('is ignored, with a warning, in a packaged build even when it is loopback', () => {
    expect(devRendererUrl('http://localhost:5173/', true)).toEqual({ url: null, warning: expect.stringMatching(/packaged/) as unknown });
  });

  it('refuses remote, https, file, credentialed and malformed URLs', () => {
    for (const url of [
      'http://example.com:5173/',
      'https://localhost:5173/',
      'file:///etc/passwd',
      'http://user:pw@localhost:5173/',
      'http://localhost.evil.com/',
      'not a url',
    ]) {
      const choice = devRendererUrl(url, false);
      expect(choice.url, url).toBeNull();
      expect('warning' in choice && choice.warning, url).toBeTruthy();
    }
  });

  it('is silent when the variable is not set', () => {
    expect(devRendererUrl(undefined, false)).toEqual({ url: null, warning: null });
    expect(devRendererUrl('', true)).toEqual({ url: null, warning: null });
  });
});
