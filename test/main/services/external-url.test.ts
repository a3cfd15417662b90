import { describe, expect, it } from 'vitest';
import { safeExternalUrl } from '../../../main/services/external-url';

describe('safeExternalUrl', () => {
  it('lets only http(s) without credentials through', () => {
    expect(safeExternalUrl('https://example.com/a?b#c')).toBe('https://example.com/a?b#c');
    expect(safeExternalUrl('http://example.com')).toBe('http://example.com/');
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'droplink://room/x', 'https://user:pw@example.com', 'not a url', '']) {
      expect(safeExternalUrl(bad), bad).toBeNull();
    }
  });

  it('lets mailto: through (markdown links e-mail addresses)', () => {
    expect(safeExternalUrl('mailto:team@example.com')).toBe('mailto:team@example.com');
  });
});
