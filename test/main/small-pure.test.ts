import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../main/services/backoff';
import { contentSecurityPolicy } from '../../main/services/content-security-policy';
import { deepLinkFromArgv, parseDeepLink } from '../../main/services/deep-link';
import { safeExternalUrl } from '../../main/services/external-url';
import { resolveProfile, userDataDirName } from '../../main/services/profile';
import { RoomSeqTracker } from '../../main/services/room-seq-tracker';

const ROOM = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

describe('deep links', () => {
  it('understands droplink://room/<id> only', () => {
    expect(parseDeepLink(`droplink://room/${ROOM}`)).toEqual({ kind: 'room', roomId: ROOM });
    expect(parseDeepLink(`droplink://room/${ROOM}/`)).toEqual({ kind: 'room', roomId: ROOM });
    for (const bad of [
      'droplink://room/',
      'droplink://room/not-a-uuid',
      `droplink://user/${ROOM}`,
      `https://room/${ROOM}`,
      'nonsense',
      `droplink://room/${ROOM}/x`,
    ]) {
      expect(parseDeepLink(bad), bad).toBeNull();
    }
  });

  it('finds the link on a second instance command line', () => {
    expect(deepLinkFromArgv(['/usr/bin/droplink', '--profile=qa', `droplink://room/${ROOM}`])).toEqual({ kind: 'room', roomId: ROOM });
    expect(deepLinkFromArgv(['/usr/bin/droplink'])).toBeNull();
  });
});

describe('safeExternalUrl', () => {
  it('lets only http(s) without credentials through', () => {
    expect(safeExternalUrl('https://example.com/a?b#c')).toBe('https://example.com/a?b#c');
    expect(safeExternalUrl('http://example.com')).toBe('http://example.com/');
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'droplink://room/x', 'https://user:pw@example.com', 'not a url', '']) {
      expect(safeExternalUrl(bad), bad).toBeNull();
    }
  });
});

describe('profiles', () => {
  it('--profile wins over DROPLINK_PROFILE; default otherwise', () => {
    expect(resolveProfile(['electron', '.', '--profile=qa2'], { DROPLINK_PROFILE: 'env' })).toBe('qa2');
    expect(resolveProfile(['electron', '.'], { DROPLINK_PROFILE: 'env' })).toBe('env');
    expect(resolveProfile(['electron', '.'], {})).toBe('default');
    expect(() => resolveProfile(['--profile=../../etc'], {})).toThrow(/invalid profile/);
  });

  it('gives each profile its own user data directory', () => {
    expect(userDataDirName('Droplink', 'default')).toBe('Droplink');
    expect(userDataDirName('Droplink', 'qa')).toBe('Droplink-qa');
  });
});

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

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, with bounded jitter', () => {
    const options = { initialMs: 100, maxMs: 1000, jitter: 0 };
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffDelay(n, options))).toEqual([100, 200, 400, 800, 1000, 1000]);
    const jittered = backoffDelay(3, { ...options, jitter: 0.5 }, () => 0);
    expect(jittered).toBe(400);
  });
});

describe('RoomSeqTracker', () => {
  it('accepts each seq once, also when they arrive out of order', () => {
    const tracker = new RoomSeqTracker(3);
    expect([2, 3, 5, 4, 5, 6, 4].map((seq) => tracker.accept(seq))).toEqual([false, false, true, true, false, true, false]);
    expect(tracker.watermark).toBe(6);
  });

  it('keeps the watermark below a gap so a sync fills it', () => {
    const tracker = new RoomSeqTracker(0);
    tracker.accept(1);
    tracker.accept(3);
    expect(tracker.watermark).toBe(1);
    expect(tracker.accept(2)).toBe(true);
    expect(tracker.watermark).toBe(3);
  });
});
