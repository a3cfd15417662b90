import { describe, expect, it } from 'vitest';
import { deepLinkFromArgv, parseDeepLink } from '../../../main/services/deep-link';

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
