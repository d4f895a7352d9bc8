// Brand colour contrast, as the core checks it (`check_brand` in
// src/org/validate.rs): WCAG 2 contrast with white text, 4.5:1 to pass, and
// the nearest passing shade found by darkening in 1% steps. The core's
// message on the build is the verdict; this is the live readout as you pick.

/** The ratio white text on a colour must reach (WCAG 2.2 AA, normal text). */
export const AA = 4.5;

/** `#RRGGBB` → [r, g, b], or null if it is not a colour. */
export function parseHex(s) {
  const m = /^#([0-9a-f]{6})$/i.exec(String(s).trim());
  if (!m) return null;
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function toHex([r, g, b]) {
  return "#" + [r, g, b].map((v) => v.toString(16).padStart(2, "0")).join("").toUpperCase();
}

/** WCAG 2 relative luminance, computed in single precision as the core does. */
function luminance([r, g, b]) {
  const f = Math.fround;
  const channel = (c) => {
    const v = f(c / 255);
    return v <= 0.04045 ? f(v / 12.92) : f(Math.pow(f((v + 0.055) / 1.055), 2.4));
  };
  return f(f(f(0.2126 * channel(r)) + f(0.7152 * channel(g))) + f(0.0722 * channel(b)));
}

/** Contrast ratio of white text on `rgb` (1 to 21). */
export function contrastWithWhite(rgb) {
  const f = Math.fround;
  const [a, b] = [luminance(rgb), luminance([255, 255, 255])];
  const [hi, lo] = a > b ? [a, b] : [b, a];
  return f(f(hi + 0.05) / f(lo + 0.05));
}

/** The nearest darker shade that passes, as the core's hint names it. */
export function nearestPassing(rgb) {
  let shade = rgb;
  for (let step = 1; step <= 100; step++) {
    const t = Math.fround(1 - step / 100);
    shade = rgb.map((v) => Math.round(Math.fround(v * t)));
    if (contrastWithWhite(shade) >= AA) break;
  }
  return shade;
}
