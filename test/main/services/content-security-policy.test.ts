import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../main/services/content-security-policy';

describe('contentSecurityPolicy', () => {
  it('allows scripts, images and everything else only from the app itself', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("img-src 'self' data: blob:;");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('in dev, also allows the app:// origin that serves attachments, and hot reload', () => {
    const csp = contentSecurityPolicy({ dev: { attachmentOrigin: 'app://droplink' } });
    expect(csp).toContain("img-src 'self' data: blob: app://droplink;");
    expect(csp).toContain("script-src 'self' 'unsafe-inline'");
  });
});
