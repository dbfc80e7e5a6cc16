// JSON with two-space indentation, except that arrays of numbers or short strings stay on one line: a
// session file stays readable top to bottom instead of spending 624 lines on the RNG key.

export function prettyJson(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    const inline =
      value.every((v) => typeof v === 'number') ||
      value.every((v) => typeof v === 'string' && v.length <= 40)
    if (inline) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`
    const inner = indent + '  '
    return `[\n${value.map((v) => inner + prettyJson(v, inner)).join(',\n')}\n${indent}]`
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined)
    if (entries.length === 0) return '{}'
    const inner = indent + '  '
    const lines = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, inner)}`)
    return `{\n${lines.join(',\n')}\n${indent}}`
  }
  return JSON.stringify(value) ?? 'null'
}
