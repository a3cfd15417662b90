import { describe, expect, it } from 'vitest';
import { ZOOM_LEVEL_MAX, ZOOM_LEVEL_MIN } from '../../../common/ipc';
import { nextZoomLevel } from '../../../main/services/zoom';

describe('nextZoomLevel', () => {
  it('steps by half a level and resets to 0', () => {
    expect(nextZoomLevel(0, 'in')).toBe(0.5);
    expect(nextZoomLevel(0.5, 'out')).toBe(0);
    expect(nextZoomLevel(-1, 'out')).toBe(-1.5);
    expect(nextZoomLevel(2.5, 'reset')).toBe(0);
  });

  it('stays within the levels the settings accept', () => {
    expect(nextZoomLevel(ZOOM_LEVEL_MAX, 'in')).toBe(ZOOM_LEVEL_MAX);
    expect(nextZoomLevel(ZOOM_LEVEL_MIN, 'out')).toBe(ZOOM_LEVEL_MIN);
  });

  it('snaps an odd stored level onto the steps', () => {
    expect(nextZoomLevel(0.3, 'in')).toBe(1);
  });
});
