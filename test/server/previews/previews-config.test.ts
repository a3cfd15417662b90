import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config';

describe('link preview configuration', () => {
  it('is on with an empty allow list by default', () => {
    expect(loadConfig({}).linkPreviews).toEqual({ enabled: true, allow: [] });
  });

  it('LINK_PREVIEWS=off disables previews; LINK_PREVIEW_ALLOW is a comma list', () => {
    const config = loadConfig({ LINK_PREVIEWS: 'OFF', LINK_PREVIEW_ALLOW: ' wiki.internal:443 , 10.0.0.0/8,[::1]:8080,' });
    expect(config.linkPreviews).toEqual({ enabled: false, allow: ['wiki.internal:443', '10.0.0.0/8', '[::1]:8080'] });
  });

  it.each([
    ['LINK_PREVIEWS', 'maybe'],
    ['LINK_PREVIEW_ALLOW', 'wiki.internal'],
    ['LINK_PREVIEW_ALLOW', '10.0.0.0/8,http://x'],
  ])('a bad %s stops the server naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid ${name}:`));
  });
});
