// Scales and tick choices for the dashboard's hand-drawn SVG charts (histogram, monthly bars). A few lines of
// arithmetic instead of a charting library: the charts are small, static and must print and scale cleanly.

export interface Scale {
  (value: number): number;
  ticks: number[];
}

/** Round numbers (1, 2 or 5 × 10^k) covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max === min) return [min];
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) {
    ticks.push(Math.abs(t) < step * 1e-9 ? 0 : Number(t.toPrecision(12)));
  }
  return ticks;
}

/** Ticks for a log axis: 1, 2, 5 × 10^k inside [min, max], thinned to powers of ten when there are many. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max > min)) return [];
  const all: { t: number; decade: boolean }[] = [];
  for (let k = Math.floor(Math.log10(min)); k <= Math.ceil(Math.log10(max)); k++) {
    for (const m of [1, 2, 5]) {
      const t = Number((m * 10 ** k).toPrecision(12));
      if (t >= min * (1 - 1e-9) && t <= max * (1 + 1e-9)) all.push({ t, decade: m === 1 });
    }
  }
  if (all.length < 2) return [min, max];
  if (all.length <= 7) return all.map((a) => a.t);
  const decades = all.filter((a) => a.decade).map((a) => a.t);
  return decades.length >= 2 ? decades : all.filter((_, i) => i % 3 === 0).map((a) => a.t);
}

/** Maps [min, max] onto [from, to] pixels, linearly or on log10 (values ≤ 0 clamp to `min`). */
export function makeScale(
  min: number,
  max: number,
  from: number,
  to: number,
  log = false,
  tickCount = 5,
): Scale {
  const f = log ? (v: number) => Math.log10(Math.max(v, min)) : (v: number) => v;
  const a = f(min);
  const b = f(max);
  const span = b - a || 1;
  const scale = ((value: number) => from + ((f(value) - a) / span) * (to - from)) as Scale;
  scale.ticks = log ? logTicks(min, max) : niceTicks(min, max, tickCount);
  return scale;
}

/** Keeps a text label centred on `x` inside [left, right], given its approximate width. */
export function labelAnchor(
  x: number,
  width: number,
  left: number,
  right: number,
): { x: number; anchor: 'start' | 'middle' | 'end' } {
  if (x - width / 2 < left) return { x: Math.max(x, left), anchor: 'start' };
  if (x + width / 2 > right) return { x: Math.min(x, right), anchor: 'end' };
  return { x, anchor: 'middle' };
}

/** Approximate width in px of a label in the chart font (about 0.58 em per character). */
export function textWidth(text: string, fontSize = 12): number {
  return text.length * fontSize * 0.58;
}
