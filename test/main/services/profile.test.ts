import { describe, expect, it } from 'vitest';
import { resolveProfile, userDataDirName } from '../../../main/services/profile';

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
