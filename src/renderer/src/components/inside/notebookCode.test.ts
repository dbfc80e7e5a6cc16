// The Inside view's copy of the notebook's code is the notebook's own text.
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  NOTEBOOK_CODE,
  NOTEBOOK_STATEMENTS,
  notebookLine,
  type NotebookStatement
} from './notebookCode'

const read = (relative: string): string =>
  readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8')
/** The seed notebook, where the workspace keeps it beside the repository. */
const notebookPath = fileURLToPath(
  new URL('../../../../../../shared/seed/neural-network-from-scratch.md', import.meta.url)
)

describe('the notebook code shown beside the step-through', () => {
  it('is the seed notebook cell’s forward, compute_loss and backward, verbatim', () => {
    // The committed reference (the notebook's code run by NumPy) holds the same lines, indented
    // one level deeper (inside its `with` block).
    const reference = read('../../../../shared/engine/fixtures/seed_notebook_reference.py')
    const indented = NOTEBOOK_CODE.split('\n')
      .map((line) => (line.trim() === '' ? '' : '    ' + line))
      .join('\n')
    expect(reference).toContain(indented)
    expect(NOTEBOOK_CODE).toMatch(/^ {4}def forward\(self, X\):/)
    expect(NOTEBOOK_CODE).toMatch(/self\.biases\[i\] -= learning_rate \* db$/)
  })

  it.runIf(existsSync(notebookPath))(
    'equals the text of shared/seed/neural-network-from-scratch.md',
    () => {
      expect(readFileSync(notebookPath, 'utf8')).toContain(NOTEBOOK_CODE + '\n')
    }
  )

  it('finds every statement the steps point at, each on its own line', () => {
    const lines = (Object.keys(NOTEBOOK_STATEMENTS) as NotebookStatement[]).map(notebookLine)
    expect(new Set(lines).size).toBe(lines.length)
    expect(NOTEBOOK_CODE.split('\n')[notebookLine('dW')].trim()).toBe(
      'dW = (self.activations[i].T @ delta) / m'
    )
  })
})
