/**
 * Draws the two Microsoft Teams app icons and writes them to appPackage/:
 *
 * - color.png   192×192, full colour: a white shield with a dark blue padlock on a dark blue (#1d3b6f) square.
 * - outline.png  32×32, white on transparent: the shield's outline with a solid padlock inside.
 *
 * Shapes are described as "is this point inside?" functions and each pixel is 4×4 supersampled, so edges are
 * anti-aliased. The outline icon only ever uses white (255,255,255) with varying alpha, as Teams requires.
 *
 * Regenerate with: npx tsx scripts/make-teams-icons.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;
/** Background of the colour icon and the manifest's accentColor. */
export const ACCENT_COLOR = '#1d3b6f';

type Rgb = readonly [number, number, number];
/** Is the point (x, y) inside the shape? Coordinates are in the unit square, (0,0) top left, y downwards. */
type Shape = (x: number, y: number) => boolean;

const WHITE: Rgb = [255, 255, 255];
const SUBSAMPLES = 4;

function hexToRgb(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

/**
 * A heater shield centred on cx: a flat top, straight sides down to `shoulder`, then curving in to a point at
 * `bottom`. halfWidth is half the width of the top.
 */
function shield(cx: number, top: number, shoulder: number, bottom: number, halfWidth: number): Shape {
  return (x, y) => {
    if (y < top || y > bottom) return false;
    const dx = Math.abs(x - cx);
    if (y <= shoulder) return dx <= halfWidth;
    // Sides that leave the shoulder vertically and meet at a point.
    const t = (y - shoulder) / (bottom - shoulder);
    return dx <= halfWidth * (1 - t ** 1.7);
  };
}

function roundedRect(left: number, top: number, right: number, bottom: number, radius: number): Shape {
  return (x, y) => {
    if (x < left || x > right || y < top || y > bottom) return false;
    const cx = Math.min(Math.max(x, left + radius), right - radius);
    const cy = Math.min(Math.max(y, top + radius), bottom - radius);
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
  };
}

/** The upper half of a ring (the padlock's shackle), with straight legs down to legBottom. */
function shackle(cx: number, cy: number, outer: number, inner: number, legBottom: number): Shape {
  return (x, y) => {
    const dx = x - cx;
    if (y <= cy) {
      const d2 = dx * dx + (y - cy) ** 2;
      return d2 <= outer * outer && d2 >= inner * inner;
    }
    return y <= legBottom && Math.abs(dx) <= outer && Math.abs(dx) >= inner;
  };
}

function circle(cx: number, cy: number, r: number): Shape {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function union(...shapes: Shape[]): Shape {
  return (x, y) => shapes.some((shape) => shape(x, y));
}

function difference(shape: Shape, ...holes: Shape[]): Shape {
  return (x, y) => shape(x, y) && !holes.some((hole) => hole(x, y));
}

/** The share (0..1) of the pixel (px, py) covered by the shape. */
function coverage(shape: Shape, px: number, py: number, size: number): number {
  let inside = 0;
  for (let sy = 0; sy < SUBSAMPLES; sy += 1) {
    for (let sx = 0; sx < SUBSAMPLES; sx += 1) {
      const x = (px + (sx + 0.5) / SUBSAMPLES) / size;
      const y = (py + (sy + 0.5) / SUBSAMPLES) / size;
      if (shape(x, y)) inside += 1;
    }
  }
  return inside / (SUBSAMPLES * SUBSAMPLES);
}

/** Paints layers in order (later layers on top) onto a PNG of the given size and background. */
function paint(size: number, background: Rgb | null, layers: Array<{ shape: Shape; colour: Rgb }>): PNG {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let [r, g, b] = background ?? WHITE;
      let a = background ? 1 : 0;
      for (const { shape, colour } of layers) {
        const c = coverage(shape, px, py, size);
        if (c === 0) continue;
        // "Over" compositing of a layer with coverage c.
        const outA = c + a * (1 - c);
        r = (colour[0] * c + r * a * (1 - c)) / outA;
        g = (colour[1] * c + g * a * (1 - c)) / outA;
        b = (colour[2] * c + b * a * (1 - c)) / outA;
        a = outA;
      }
      const i = (py * size + px) * 4;
      png.data[i] = Math.round(r);
      png.data[i + 1] = Math.round(g);
      png.data[i + 2] = Math.round(b);
      png.data[i + 3] = Math.round(a * 255);
    }
  }
  return png;
}

function padlock(cx: number, bodyTop: number, bodyBottom: number, bodyHalfWidth: number, keyhole: boolean): Shape {
  const body = roundedRect(cx - bodyHalfWidth, bodyTop, cx + bodyHalfWidth, bodyBottom, bodyHalfWidth * 0.18);
  const outer = bodyHalfWidth * 0.68;
  const inner = outer * 0.62;
  const arch = shackle(cx, bodyTop - outer * 0.55, outer, inner, bodyTop + 0.01);
  const lock = union(body, arch);
  if (!keyhole) return lock;
  const height = bodyBottom - bodyTop;
  const hole = union(
    circle(cx, bodyTop + height * 0.4, bodyHalfWidth * 0.17),
    roundedRect(cx - bodyHalfWidth * 0.07, bodyTop + height * 0.4, cx + bodyHalfWidth * 0.07, bodyTop + height * 0.72, 0.002),
  );
  return difference(lock, hole);
}

/** 192×192: white shield, dark blue padlock with a white keyhole, on the accent colour. */
export function drawColorIcon(): PNG {
  const blue = hexToRgb(ACCENT_COLOR);
  const outerShield = shield(0.5, 0.17, 0.45, 0.85, 0.3);
  const lock = padlock(0.5, 0.42, 0.62, 0.115, true);
  return paint(COLOR_ICON_SIZE, blue, [
    { shape: outerShield, colour: WHITE },
    { shape: lock, colour: blue },
  ]);
}

/** 32×32: white shield outline with a solid white padlock inside, on transparent. */
export function drawOutlineIcon(): PNG {
  const outer = shield(0.5, 0.03, 0.4, 0.98, 0.42);
  const inner = shield(0.5, 0.03 + 0.09, 0.4, 0.98 - 0.17, 0.42 - 0.09);
  const ring = difference(outer, inner);
  const lock = padlock(0.5, 0.4, 0.64, 0.14, false);
  return paint(OUTLINE_ICON_SIZE, null, [
    { shape: ring, colour: WHITE },
    { shape: lock, colour: WHITE },
  ]);
}

export function writeIcons(directory: string): { color: string; outline: string } {
  const color = join(directory, 'color.png');
  const outline = join(directory, 'outline.png');
  writeFileSync(color, PNG.sync.write(drawColorIcon()));
  writeFileSync(outline, PNG.sync.write(drawOutlineIcon()));
  return { color, outline };
}

if (require.main === module) {
  const written = writeIcons(join(__dirname, '..', 'appPackage'));
  console.log(`Wrote ${written.color} and ${written.outline}`);
}
