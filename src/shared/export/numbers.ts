// Number spelling shared by the exporters. JavaScript's String(x) is the shortest decimal that
// reads back to exactly the same float64 (as Python's repr is), so text exports lose nothing.

/** A Python float literal that evaluates to exactly x (`-0` would be the integer 0 in Python). */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return "float('nan')"
  if (x === Infinity) return "float('inf')"
  if (x === -Infinity) return "float('-inf')"
  const text = Object.is(x, -0) ? '-0' : String(x)
  return /[.e]/.test(text) ? text : `${text}.0`
}

/** A CSV cell: shortest round-trip decimal; NaN and ±Infinity spelled as most tools read them. */
export function csvNumber(x: number): string {
  if (Number.isNaN(x)) return 'nan'
  if (x === Infinity) return 'inf'
  if (x === -Infinity) return '-inf'
  return Object.is(x, -0) ? '-0' : String(x)
}
