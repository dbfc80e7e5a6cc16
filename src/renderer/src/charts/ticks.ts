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
