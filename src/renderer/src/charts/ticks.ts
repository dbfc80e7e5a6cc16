// Axis labels that stay short.

/** A log axis's label: decades only ('' for the ticks between), as 100, 1, 0.01, 1e-4. */
export function logTickLabel(value: number): string {
  if (!(value > 0) || !Number.isFinite(value)) return ''
  const exponent = Math.log10(value)
  const decade = Math.round(exponent)
  if (Math.abs(exponent - decade) > 1e-9) return ''
  if (decade >= 0 && decade <= 4) return String(10 ** decade)
  if (decade < 0 && decade >= -3) return (10 ** decade).toFixed(-decade)
  return `1e${decade}`
}

/** A round tick step (1, 2, 2.5 or 5 × 10ⁿ) that puts at most `maxTicks` ticks inside [min, max], as
 *  many as it can. Chart.js's own choice rounds the range outwards first and can jump to a step
 *  that leaves a single tick inside a narrow axis (only "0" under a 235 px boundary map). */
export function niceTickStep(min: number, max: number, maxTicks: number): number {
  const range = max - min
  if (!(range > 0) || !Number.isFinite(range) || maxTicks < 2) return 1
  const magnitude = 10 ** Math.floor(Math.log10(range / maxTicks))
  for (const multiple of [1, 2, 2.5, 5, 10, 20, 25, 50]) {
    const step = multiple * magnitude
    const inside = Math.floor(max / step + 1e-9) - Math.ceil(min / step - 1e-9) + 1
    if (inside <= maxTicks) return step
  }
  return 100 * magnitude
}

/** The lowest value a log loss axis shows. A loss of 0 (or below, or a tiny 1e-300) would have
 *  no place on a log axis and its curve would vanish; it is drawn on this floor instead. */
export const LOG_AXIS_FLOOR = 1e-12

/** `value` as a log axis draws it: floored at LOG_AXIS_FLOOR (NaN and undefined stay gaps). */
export function logAxisValue<T extends number | undefined>(value: T): T {
  if (value === undefined || Number.isNaN(value)) return value
  return (value > LOG_AXIS_FLOOR ? value : LOG_AXIS_FLOOR) as T
}
