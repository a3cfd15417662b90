import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_SIZE, parseSavedWindowState, placeWindow, type DisplayArea, type SavedWindowState } from '../../../main/services/window-placement';

const laptop: DisplayArea = { id: 1, workArea: { x: 0, y: 0, width: 1440, height: 875 } };
const rightMonitor: DisplayArea = { id: 2, workArea: { x: 1440, y: 0, width: 2560, height: 1400 } };
const leftMonitor: DisplayArea = { id: 3, workArea: { x: -1920, y: 0, width: 1920, height: 1050 } };
const aboveMonitor: DisplayArea = { id: 4, workArea: { x: 0, y: -1080, width: 1920, height: 1080 } };

const saved = (x: number, y: number, width: number, height: number, displayId: number | null, maximized = false): SavedWindowState => ({
  bounds: { x, y, width, height },
  maximized,
  displayId,
});

describe('placeWindow', () => {
  it.each([
    ['the same display, fully visible: unchanged', saved(100, 80, 1000, 700, 1), [laptop], saved(100, 80, 1000, 700, 1)],
    ['the second monitor still connected: stays there', saved(2000, 100, 1200, 900, 2), [laptop, rightMonitor], saved(2000, 100, 1200, 900, 2)],
    ['the second monitor unplugged: centred on the laptop, shrunk to fit', saved(2000, 100, 1200, 900, 2), [laptop], saved(120, 0, 1200, 875, 1)],
    ['a monitor on the left (negative x) unplugged: centred on the laptop', saved(-1500, 200, 1000, 700, 3), [laptop], saved(220, 88, 1000, 700, 1)],
    ['a monitor on the left still there: negative coordinates kept', saved(-1500, 200, 1000, 700, 3), [laptop, leftMonitor], saved(-1500, 200, 1000, 700, 3)],
    ['a monitor above (negative y): kept', saved(100, -1000, 800, 600, 4), [laptop, aboveMonitor], saved(100, -1000, 800, 600, 4)],
    ['hanging off the right edge: pulled inside', saved(1000, 100, 1000, 700, 1), [laptop], saved(440, 100, 1000, 700, 1)],
    ['below the bottom (resolution got smaller): pulled up', saved(100, 600, 1000, 700, 1), [laptop], saved(100, 175, 1000, 700, 1)],
    ['bigger than the display: shrunk to its work area', saved(0, 0, 3000, 2000, 1), [laptop], saved(0, 0, 1440, 875, 1)],
    ['unknown display id (old state): the display it overlaps most', saved(1300, 100, 1000, 700, null), [laptop, rightMonitor], saved(1440, 100, 1000, 700, 2)],
    ['the display gone but the window half on another: clamped onto that one', saved(1000, 100, 1000, 700, 2), [laptop], saved(440, 100, 1000, 700, 1)],
    ['display ids renumbered but the area still there: found by overlap', saved(2000, 100, 800, 600, 9), [laptop, rightMonitor], saved(2000, 100, 800, 600, 2)],
    ['on no display at all: centred on the primary with its size', saved(9000, 9000, 800, 600, 7), [laptop, rightMonitor], saved(320, 138, 800, 600, 1)],
    ['maximized is kept wherever the window lands', saved(2000, 100, 1200, 900, 2, true), [laptop], saved(120, 0, 1200, 875, 1, true)],
  ])('%s', (_name, state, displays, expected) => {
    expect(placeWindow(state, displays, 1)).toEqual(expected);
  });

  it('opens a first window centred on the primary display at the default size', () => {
    expect(placeWindow(null, [rightMonitor, laptop], 2)).toEqual({
      bounds: { x: 1440 + (2560 - DEFAULT_WINDOW_SIZE.width) / 2, y: (1400 - DEFAULT_WINDOW_SIZE.height) / 2, ...DEFAULT_WINDOW_SIZE },
      maximized: false,
      displayId: 2,
    });
  });

  it('never makes a window smaller than the work area allows, nor larger', () => {
    const tiny: DisplayArea = { id: 5, workArea: { x: 0, y: 0, width: 400, height: 300 } };
    expect(placeWindow(saved(50, 50, 1000, 700, 5), [tiny], 5).bounds).toEqual({ x: 0, y: 0, width: 400, height: 300 });
  });
});

describe('parseSavedWindowState', () => {
  it('accepts the stored state and the bare rectangle older versions saved', () => {
    expect(parseSavedWindowState(saved(1, 2, 800, 600, 3, true))).toEqual(saved(1, 2, 800, 600, 3, true));
    expect(parseSavedWindowState(undefined, { x: 1, y: 2, width: 800, height: 600 })).toEqual(saved(1, 2, 800, 600, null));
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'big'],
    ['fractional numbers', { bounds: { x: 0.5, y: 0, width: 800, height: 600 }, maximized: false, displayId: 1 }],
    ['a window too small', { bounds: { x: 0, y: 0, width: 20, height: 600 }, maximized: false, displayId: 1 }],
    ['no maximized flag', { bounds: { x: 0, y: 0, width: 800, height: 600 }, displayId: 1 }],
  ])('refuses %s', (_name, stored) => {
    expect(parseSavedWindowState(stored)).toBeNull();
  });
});
