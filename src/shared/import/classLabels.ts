// Any label values → class indices 0…k−1 in a stable, documented order, the names kept:
// when every label is a number they are sorted by value (-1 < 1, 1 < 2 < 10); otherwise as text,
// by character code (`False` < `True`, `no` < `yes`, `setosa` < `versicolor` < `virginica`).
// That is the order of NumPy's np.unique and scikit-learn's LabelEncoder on the same column.
import { MAX_CLASSES } from '../engine/limits'
import { CsvImportError } from './importErrors'

export interface ClassMapping {
  /** Class index per distinct raw label, in the order add() first saw them. */
  classOfSeen: Int32Array
  /** The classes' names, by class index. */
  classNames: string[]
}

/** Collects the raw labels of a column (add() gives a provisional id per distinct text), then
 *  finish() orders them into classes. */
export class ClassLabels {
  private ids = new Map<string, number>()
  private seen: string[] = []

  /** A provisional id for a label's text (the same text, the same id). */
  add(label: string): number {
    let id = this.ids.get(label)
    if (id === undefined) {
      id = this.seen.length
      this.ids.set(label, id)
      this.seen.push(label)
      // Far more distinct values than classes: stop early (a column of real numbers or ids).
      if (this.seen.length > 100_000) throw this.tooMany()
    }
    return id
  }

  constructor(
    private readonly column: string,
    private readonly hint: string
  ) {}

  private tooMany(): CsvImportError {
    return new CsvImportError(
      `Column '${this.column}' has ${this.seen.length.toLocaleString('en-US')} different values, but a run has at most ${MAX_CLASSES} classes: ${this.hint}.`
    )
  }

  finish(): ClassMapping {
    const values = this.seen.map((s) => Number(s))
    const numeric =
      this.seen.length > 0 && values.every((v, i) => this.seen[i] !== '' && Number.isFinite(v))
    if (numeric) {
      const fractional = values.find((v) => !Number.isInteger(v))
      if (fractional !== undefined) {
        throw new CsvImportError(
          `Column '${this.column}' holds real numbers (such as ${fractional}); classification needs labels (classes such as 0/1, yes/no or names): ${this.hint}.`
        )
      }
    }
    // Numbers: one class per value ("1" and "1.0" are the same class), named by the value.
    const keys = numeric ? values.map((v) => String(v)) : this.seen
    const distinct = [...new Set(keys)]
    if (numeric) distinct.sort((a, b) => Number(a) - Number(b))
    else distinct.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    if (distinct.length > MAX_CLASSES) throw this.tooMany()
    if (distinct.length < 2) {
      throw new CsvImportError(
        `Column '${this.column}' holds one value ('${distinct[0] ?? ''}') in every row; classification needs at least 2 classes: ${this.hint}.`
      )
    }
    const classOf = new Map(distinct.map((name, index) => [name, index]))
    return {
      classOfSeen: Int32Array.from(keys, (key) => classOf.get(key) ?? 0),
      classNames: distinct
    }
  }
}
