/**
 * Draws the app and tray icons into resources/ (run: `npm run icons`). Shapes are signed
 * distance functions sampled 4x4 per pixel, so every size is anti-aliased and crisp.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

type Rgba = [number, number, number, number];
/** A layer: coverage-producing distance function (negative inside) and its colour at (x, y). */
interface Layer {
  distance(x: number, y: number): number;
  color(x: number, y: number): Rgba;
}

const out = import.meta.dirname;

function roundedSquare(x: number, y: number, inset: number, radius: number): number {
  const qx = Math.abs(x - 0.5) - (0.5 - inset - radius);
  const qy = Math.abs(y - 0.5) - (0.5 - inset - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

/** A water drop: a circle whose top is pulled into a point. */
function drop(x: number, y: number, cx: number, cy: number, r: number): number {
  const circle = Math.hypot(x - cx, y - cy) - r;
  const tipY = cy - r * 2.1;
  // Two tangent lines from the tip to the circle make the cone.
  const h = cy - tipY;
  const sin = r / h;
  const cos = Math.sqrt(1 - sin * sin);
  const dx = Math.abs(x - cx);
  const dy = y - tipY;
  const cone = dy < 0 ? Math.hypot(dx, dy) : dx * cos - dy * sin;
  return y < cy - r * sin ? Math.max(cone, -dy) : circle;
}

function render(size: number, layers: Layer[]): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const layer of layers) {
        let covered = 0;
        for (let sy = 0; sy < samples; sy += 1) {
          for (let sx = 0; sx < samples; sx += 1) {
            if (layer.distance((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size) <= 0) covered += 1;
          }
        }
        const coverage = covered / (samples * samples);
        if (coverage === 0) continue;
        const [lr, lg, lb, la] = layer.color((px + 0.5) / size, (py + 0.5) / size);
        const alpha = (la / 255) * coverage;
        // "over" compositing in straight alpha
        const outA = alpha + a * (1 - alpha);
        r = outA === 0 ? 0 : (lr * alpha + r * a * (1 - alpha)) / outA;
        g = outA === 0 ? 0 : (lg * alpha + g * a * (1 - alpha)) / outA;
        b = outA === 0 ? 0 : (lb * alpha + b * a * (1 - alpha)) / outA;
        a = outA;
      }
      const i = (py * size + px) * 4;
      pixels.set([Math.round(r), Math.round(g), Math.round(b), Math.round(a * 255)], i);
    }
  }
  return pixels;
}

const mix = (a: number, b: number, t: number): number => a + (b - a) * t;
const background: Layer = {
  distance: (x, y) => roundedSquare(x, y, 0.06, 0.2),
  color: (x, y) => {
    const t = Math.min(1, Math.max(0, (x + y) / 2));
    return [Math.round(mix(0x38, 0x1e, t)), Math.round(mix(0x8b, 0x40, t)), Math.round(mix(0xf6, 0xaf, t)), 255];
  },
};
const dot = (x: number, y: number, r = 0.2): number => Math.hypot(x - 0.8, y - 0.22) - r;
const appDrop = (color: Rgba): Layer => ({ distance: (x, y) => drop(x, y, 0.5, 0.6, 0.21), color: () => color });
/** The menu-bar drop fills the icon; with `notch`, a gap is cut around the unread dot. */
const trayDrop = (color: Rgba, notch: boolean): Layer => ({
  distance: (x, y) => {
    const d = drop(x, y, 0.46, 0.63, 0.3);
    return notch ? Math.max(d, -dot(x, y, 0.27)) : d;
  },
  color: () => color,
});
const badgeDot = (color: Rgba): Layer => ({ distance: (x, y) => dot(x, y), color: () => color });

/** A 3x5 pixel font for the taskbar badge's count. */
const GLYPHS: Record<string, string[]> = {
  '1': ['010', '110', '010', '010', '111'],
  '2': ['111', '001', '111', '100', '111'],
  '3': ['111', '001', '111', '001', '111'],
  '4': ['101', '101', '111', '001', '001'],
  '5': ['111', '100', '111', '001', '111'],
  '6': ['111', '100', '111', '101', '111'],
  '7': ['111', '001', '010', '010', '010'],
  '8': ['111', '101', '111', '101', '111'],
  '9': ['111', '101', '111', '001', '111'],
  '+': ['000', '010', '111', '010', '000'],
};

function box(x: number, y: number, cx: number, cy: number, hw: number, hh: number): number {
  const qx = Math.abs(x - cx) - hw;
  const qy = Math.abs(y - cy) - hh;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0);
}

/** White text drawn from GLYPHS, centred, `cell` = one font pixel as a fraction of the icon. */
function text(label: string, cell: number, color: Rgba): Layer {
  const cells: { cx: number; cy: number }[] = [];
  const width = label.length * 3 + (label.length - 1);
  [...label].forEach((char, index) => {
    GLYPHS[char]?.forEach((row, ry) =>
      [...row].forEach((bit, rx) => {
        if (bit !== '1') return;
        const col = index * 4 + rx;
        cells.push({ cx: 0.5 + (col + 0.5 - width / 2) * cell, cy: 0.5 + (ry + 0.5 - 2.5) * cell });
      }),
    );
  });
  const half = cell / 2 + 0.002;
  return { distance: (x, y) => Math.min(...cells.map((c) => box(x, y, c.cx, c.cy, half, half))), color: () => color };
}

function write(name: string, size: number, layers: Layer[]): void {
  const png = new PNG({ width: size, height: size });
  png.data = Buffer.from(render(size, layers));
  writeFileSync(path.join(out, name), PNG.sync.write(png));
  console.log(`resources/${name} ${size}x${size}`);
}

mkdirSync(out, { recursive: true });
const white: Rgba = [255, 255, 255, 255];
const black: Rgba = [0, 0, 0, 255];
const red: Rgba = [0xef, 0x44, 0x44, 255];
write('icon.png', 512, [background, appDrop(white)]);
for (const [suffix, size] of [
  ['', 16],
  ['@2x', 32],
] as const) {
  // macOS: black + alpha only; the menu bar tints it.
  write(`trayTemplate${suffix}.png`, size, [trayDrop(black, false)]);
  write(`trayUnreadTemplate${suffix}.png`, size, [trayDrop(black, true), badgeDot(black)]);
}
// Windows and Linux: the coloured icon, with a red dot when there are unread messages.
write('tray.png', 32, [background, appDrop(white)]);
write('trayUnread.png', 32, [background, appDrop(white), badgeDot(red)]);
// Windows taskbar overlay (no numeric badge API there): a red disc with the count, 1..9 and 9+.
const disc: Layer = { distance: (x, y) => Math.hypot(x - 0.5, y - 0.5) - 0.48, color: () => red };
for (const label of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '9+']) {
  write(`badge-${label.replace('+', 'plus')}.png`, 32, [disc, text(label, label.length > 1 ? 0.085 : 0.12, white)]);
}
