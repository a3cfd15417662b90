import { z } from 'zod';

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayArea {
  id: number;
  /** The display's work area (without taskbars and docks), in screen coordinates. */
  workArea: Rect;
}

/** What is remembered of the window between launches. */
export interface SavedWindowState {
  bounds: Rect;
  maximized: boolean;
  /** The display the window was on (null: unknown, e.g. state saved by an older version). */
  displayId: number | null;
}

export const MIN_WINDOW_SIZE = { width: 480, height: 360 };
export const DEFAULT_WINDOW_SIZE = { width: 1100, height: 760 };

const RectSchema = z.object({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(200).max(100_000),
  height: z.number().int().min(200).max(100_000),
});
const SavedWindowStateSchema = z.object({ bounds: RectSchema, maximized: z.boolean(), displayId: z.number().int().nullable() });

/** The stored state, or bounds saved by older versions (a bare rectangle); null for anything else. */
export function parseSavedWindowState(stored: unknown, legacyBounds?: unknown): SavedWindowState | null {
  const state = SavedWindowStateSchema.safeParse(stored);
  if (state.success) return state.data;
  const legacy = RectSchema.safeParse(legacyBounds);
  return legacy.success ? { bounds: legacy.data, maximized: false, displayId: null } : null;
}

const overlap = (a: Rect, b: Rect): number =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), max);

/** The rectangle fitted inside the area: shrunk to fit (never below the minimum size), then moved in. */
function fitInto(bounds: Rect, area: Rect): Rect {
  const width = clamp(bounds.width, Math.min(MIN_WINDOW_SIZE.width, area.width), area.width);
  const height = clamp(bounds.height, Math.min(MIN_WINDOW_SIZE.height, area.height), area.height);
  return {
    x: clamp(bounds.x, area.x, area.x + area.width - width),
    y: clamp(bounds.y, area.y, area.y + area.height - height),
    width,
    height,
  };
}

function centered(size: { width: number; height: number }, area: Rect): Rect {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height };
}

/**
 * Where the window opens: on the display it was on if that is still connected, else on the display
 * the saved rectangle overlaps most, else centred on the primary display with the saved size; always
 * entirely inside that display's work area (monitors are unplugged, resolutions change).
 */
export function placeWindow(saved: SavedWindowState | null, displays: readonly DisplayArea[], primaryId: number): SavedWindowState {
  const primary = displays.find((d) => d.id === primaryId) ?? displays[0];
  if (!primary) return { bounds: { x: 0, y: 0, ...DEFAULT_WINDOW_SIZE }, maximized: saved?.maximized ?? false, displayId: null };
  if (!saved) return { bounds: centered(DEFAULT_WINDOW_SIZE, primary.workArea), maximized: false, displayId: primary.id };
  const sameDisplay = saved.displayId === null ? undefined : displays.find((d) => d.id === saved.displayId);
  const display =
    sameDisplay ??
    displays
      .map((d) => ({ d, area: overlap(saved.bounds, d.workArea) }))
      .filter(({ area }) => area > 0)
      .sort((a, b) => b.area - a.area)[0]?.d;
  if (!display) return { bounds: centered(saved.bounds, primary.workArea), maximized: saved.maximized, displayId: primary.id };
  return { bounds: fitInto(saved.bounds, display.workArea), maximized: saved.maximized, displayId: display.id };
}
