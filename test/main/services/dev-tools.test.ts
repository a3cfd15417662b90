import { describe, expect, it } from 'vitest';
import { devToolsEnabled } from '../../../main/services/dev-tools';

describe('devToolsEnabled', () => {
  it('is on in development runs, and in installed builds only by the setting or DROPLINK_DEVTOOLS=1', () => {
    expect(devToolsEnabled({ setting: false, env: {}, isPackaged: false })).toBe(true);
    expect(devToolsEnabled({ setting: false, env: {}, isPackaged: true })).toBe(false);
    expect(devToolsEnabled({ setting: true, env: {}, isPackaged: true })).toBe(true);
    expect(devToolsEnabled({ setting: false, env: { DROPLINK_DEVTOOLS: '1' }, isPackaged: true })).toBe(true);
    expect(devToolsEnabled({ setting: false, env: { DROPLINK_DEVTOOLS: 'yes' }, isPackaged: true })).toBe(false);
  });
});
