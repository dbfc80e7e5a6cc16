// The notebook's printed lines, formatted exactly as Python's f-strings print them.

/** Python's `format(x, '.Nf')`: the exact binary value rounded to N decimals, ties to even.
 *  (JS toFixed rounds ties up, so a value exactly halfway, like 0.125 → 2 places, differs.) */
export function pythonFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf'
  const plain = x.toFixed(digits)
  // toFixed(d + 30) shows enough exact digits to tell a true tie (…5000…) from a near one.
  const long = Math.abs(x) < 1e21 ? Math.abs(x).toFixed(Math.min(100, digits + 30)) : ''
  const tail = long.slice(long.length - 30)
  if (tail === '5'.padEnd(30, '0')) {
    const down = long.slice(0, long.length - 30)
    const lastDigit = Number(
      down[down.length - 1] === '.' ? down[down.length - 2] : down[down.length - 1]
    )
    if (lastDigit % 2 === 0) {
      const trimmed = digits === 0 ? down.replace(/\.$/, '') : down
      return (x < 0 ? '-' : '') + trimmed
    }
  }
  return plain
}

/** `f'{n:,}'`: thousands separated by commas. */
export function pythonThousands(n: number): string {
  const sign = n < 0 ? '-' : ''
  const digits = String(Math.abs(Math.trunc(n)))
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** `f'{acc:.2%}'` (Python multiplies by 100 in floating point, then formats). */
export function pythonPercent(fraction: number, digits = 2): string {
  return `${pythonFixed(fraction * 100, digits)}%`
}

/** `f'Epoch {epoch+1:4d} | Loss: {loss:.4f} | Accuracy: {acc:.2%}'` — epoch here is 1-based. */
export function formatEpochLine(epoch: number, loss: number, accuracy: number): string {
  return `Epoch ${String(epoch).padStart(4, ' ')} | Loss: ${pythonFixed(loss, 4)} | Accuracy: ${pythonPercent(accuracy)}`
}

/** `f'\n🎯 Final Accuracy: {final_acc:.2%}'` without the leading blank line. */
export function formatFinalAccuracy(accuracy: number): string {
  return `🎯 Final Accuracy: ${pythonPercent(accuracy)}`
}

/** What the notebook's `print(f'\n🎯 Final Accuracy: …')` prints: a blank line, then the line. */
export function finalAccuracyLines(accuracy: number): string[] {
  return ['', formatFinalAccuracy(accuracy)]
}

/** The two lines the notebook's NeuralNetwork constructor prints. */
export function formatNetworkLines(spec: { layerSizes: number[] }): string[] {
  let total = 0
  const s = spec.layerSizes
  for (let i = 0; i < s.length - 1; i++) total += s[i] * s[i + 1] + s[i + 1]
  return [`Network: ${s.join(', ')}`, `Total parameters: ${pythonThousands(total)}`]
}

/** A loss for reading at a glance (top bar, status, tooltips; the notebook's log lines keep
 *  `:.4f`): four decimals down to 0.001, below that two significant digits in exponent form
 *  (3.2e-6), so a tiny loss late in a long run never reads as 0.0000. */
export function formatLoss(loss: number): string {
  if (!Number.isFinite(loss)) return String(loss)
  if (loss === 0) return '0'
  return Math.abs(loss) < 1e-3 ? loss.toExponential(1) : loss.toFixed(4)
}

/** The regression log line: loss (½·MSE), MSE and R², e.g.
 *  `Epoch  200 | Loss: 0.0061 | MSE: 0.0122 | R²: 0.9512` — the notebook's line with the
 *  regression metrics in place of accuracy (R² to 4 decimals; it can be below 0). */
export function formatRegressionLine(epoch: number, loss: number, r2: number): string {
  return `Epoch ${String(epoch).padStart(4, ' ')} | Loss: ${pythonFixed(loss, 4)} | MSE: ${pythonFixed(2 * loss, 4)} | R²: ${pythonFixed(r2, 4)}`
}

/** The regression run's last line, as formatFinalAccuracy for classes. */
export function formatFinalRegression(loss: number, r2: number): string {
  return `🎯 Final MSE: ${pythonFixed(2 * loss, 4)} | R²: ${pythonFixed(r2, 4)}`
}

/** A run's epoch line: the notebook's for classes, formatRegressionLine for a linear output. */
export function formatRunEpochLine(
  regression: boolean,
  epoch: number,
  loss: number,
  score: number
): string {
  return regression ? formatRegressionLine(epoch, loss, score) : formatEpochLine(epoch, loss, score)
}
