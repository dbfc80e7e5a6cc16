// The Inside view: step through a whole epoch of the seed run and read back, cell by cell, values
// that equal the engine's own trace (computed in a separate Node process by nodeTraceValues.ts);
// "Finish the epoch" trains exactly that epoch and moves on to the next.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, ids, test } from './fixtures'

const ROOT = join(__dirname, '..', '..')
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx')

interface LayerValues {
  inputs: number
  units: number
  activation: string
  W: number[]
  b: number[]
  z: number[]
  a: number[]
  delta: number[]
  dW: number[]
  db: number[]
  Wafter: number[]
  bAfter: number[]
}
interface TraceValues {
  epoch: number
  lossBefore: number
  m: number
  rows: number[]
  x: number[]
  labels: number[]
  layers: LayerValues[]
}

/** The engine's trace of epoch N of the seed run, or of the run saved in `session`. */
function engineTrace(epoch: number, session?: string): TraceValues {
  const args = [join(__dirname, 'nodeTraceValues.ts'), String(epoch), ...(session ? [session] : [])]
  const result = spawnSync(TSX, args, {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    timeout: 120_000
  })
  expect(result.status, result.stderr).toBe(0)
  if (result.stderr) console.log(result.stderr.trim())
  return JSON.parse(result.stdout) as TraceValues
}

/** A matrix id as the view names it (z1, Wafter2, a0, y …) → its values and width. */
function valuesOf(trace: TraceValues, id: string): { values: number[]; cols: number } {
  if (id === 'a0') return { values: trace.x, cols: 2 }
  const match = /^(W|b|z|a|delta|dW|db|Wafter|bAfter|y)(\d*)$/.exec(id)
  if (!match) throw new Error(`unknown matrix ${id}`)
  const [, field, layerText] = match
  if (field === 'y') {
    const out = trace.layers[trace.layers.length - 1]
    return { values: trace.labels, cols: out.units }
  }
  const layer = trace.layers[Number(layerText) - 1]
  return { values: layer[field as keyof LayerValues] as number[], cols: layer.units }
}

/** The readout's "id[r, c] = value" (or "id[c] = value"), parsed. */
function parseReadout(text: string): { id: string; row: number; col: number; value: number } {
  const match = /^(\w+)\[(\d+)(?:, (\d+))?\] = (\S+)/.exec(text)
  if (!match) throw new Error(`unexpected readout "${text}"`)
  const [, id, first, second, value] = match
  return second === undefined
    ? { id, row: 0, col: Number(first), value: Number(value) }
    : { id, row: Number(first), col: Number(second), value: Number(value) }
}

/** Focuses each matrix of the step, visits its first, last and one middle cell by keyboard, and
 *  checks each readout against the engine's value (exactly: the shortest round-trip decimal). */
async function checkShownMatrices(page: Page, trace: TraceValues): Promise<number> {
  const figures = page.locator('[data-testid^="matrix-"][data-testid$="-cells"]')
  const count = await figures.count()
  expect(count).toBeGreaterThan(0)
  let checked = 0
  for (let i = 0; i < count; i++) {
    const cells = figures.nth(i)
    const id = (await cells.getAttribute('data-testid'))!
      .replace(/^matrix-/, '')
      .replace(/-cells$/, '')
    const readout = page.getByTestId(`matrix-${id}-readout`)
    await cells.focus()
    for (const keys of [['Control+Home'], ['Control+End'], ['PageUp', 'ArrowLeft']]) {
      for (const key of keys) await cells.press(key)
      const shown = parseReadout(await readout.innerText())
      expect(shown.id).toBe(id)
      const { values, cols } = valuesOf(trace, id)
      const expected = values[shown.row * cols + shown.col]
      expect(shown.value, `${id}[${shown.row}, ${shown.col}]`).toBe(expected)
      checked++
    }
  }
  return checked
}

test('steps through a whole epoch of the seed run with the engine’s numbers, then finishes it', async ({
  lab,
  page
}, testInfo) => {
  test.setTimeout(240_000)
  await lab.open()
  // The app's own run, saved (a download), so the engine in Node starts from its very points.
  const download = page.waitForEvent('download')
  await lab.byId('session-save').click()
  const session = join(testInfo.outputDir, 'seed.nnlab')
  await (await download).saveAs(session)
  const epoch1 = engineTrace(1, session)
  const epoch2 = engineTrace(2, session)
  await lab.byId('view-inside').click()
  await expect(lab.byId('inside-epoch')).toHaveText('Epoch 1')
  await expect(lab.byId('inside-status')).toContainText('full batch of 400 points')

  const titles: string[] = []
  let checked = 0
  const steps = await lab.byId('inside-steps').locator('li').count()
  expect(steps).toBe(22) // 3 layers × (W/b, z, a) + loss + δ out + 3 × (dW, db, update) + 2 δ
  for (let s = 0; s < steps; s++) {
    const title = await lab.byId('inside-step-title').innerText()
    titles.push(title)
    checked += await checkShownMatrices(page, epoch1)
    if (title === 'Loss') {
      await expect(lab.byId('inside-loss')).toHaveText(
        `Loss before the update: ${String(epoch1.lossBefore)}`
      )
    }
    // The code line that computes it, and the diagram's layer.
    await expect(lab.byId('inside-code-current').first()).toBeVisible()
    if (s < steps - 1) await lab.byId('inside-next').click()
  }
  expect(titles[0]).toBe('Layer 1 · W and b')
  expect(titles[1]).toBe('Layer 1 · z = a·W + b')
  expect(titles[9]).toBe('Loss')
  expect(titles[10]).toBe('Layer 3 (output) · δ = ŷ − y')
  expect(titles.at(-1)).toBe('Layer 1 · update W and b')
  expect(checked).toBeGreaterThan(150)
  await expect(lab.byId('inside-next')).toBeDisabled()
  await expect(lab.byId('inside-next')).toHaveAttribute('title', /last step/)

  // The last step's result is W after the update: Finish trains exactly that epoch.
  await lab.byId('inside-finish').click()
  await expect(lab.byId('inside-epoch')).toHaveText('Epoch 2')
  expect(await lab.epoch()).toBe(1)
  await expect(lab.byId('inside-step-title')).toHaveText('Layer 1 · W and b')
  const W1 = page.getByTestId('matrix-W1-cells')
  await W1.focus()
  await W1.press('Control+End')
  const last = parseReadout(await lab.byId('matrix-W1-readout').innerText())
  expect(last.value).toBe(epoch1.layers[0].Wafter[epoch1.layers[0].Wafter.length - 1])
  expect(last.value).toBe(epoch2.layers[0].W[epoch2.layers[0].W.length - 1])
  lab.expectNoErrors()
})

test('one point’s formulas and the chain rule carry its numbers; keys step and finish', async ({
  lab,
  page
}) => {
  test.setTimeout(180_000)
  const trace = engineTrace(1)
  await lab.open()
  await lab.byId('view-inside').click()
  await expect(lab.byId('inside-epoch')).toHaveText('Epoch 1')
  // Choose point 7 by its row, go to z of layer 1: z₀ of point 7 appears in the formula.
  await lab.byId('inside-row').fill('7')
  await lab.byId('inside-row').press('Enter')
  await expect(lab.byId('inside-sample')).toContainText('point 7')
  await lab.byId('inside-step-title').click() // out of the field: keys step again
  await page.keyboard.press('ArrowRight')
  await expect(lab.byId('inside-step-title')).toHaveText('Layer 1 · z = a·W + b')
  const z = trace.layers[0].z[7 * 16]
  await expect(lab.byId('inside-formulas')).toContainText(`= ${z.toFixed(4)}`)
  const w0 = trace.layers[0].W[0]
  await expect(lab.byId('inside-formulas')).toContainText(w0.toFixed(4))
  await expect(lab.byId('inside-code-current')).toHaveText(
    'z = self.activations[-1] @ self.weights[i] + self.biases[i]'
  )
  await expect(lab.byId('inside-view').getByTestId('network-diagram-canvas')).toHaveAttribute(
    'data-active-layer',
    '0'
  )

  // A click on a row of z picks that point: row 3 (8 px rows), unit 5 (cells of the width shown).
  const zCells = lab.byId('matrix-z1-cells')
  const box = (await zCells.boundingBox())!
  await zCells.click({ position: { x: ((5 + 0.5) * box.width) / 16, y: 3 * 8 + 4 } })
  await expect(lab.byId('inside-sample')).toContainText('point 3,')
  // The diagram picks out the chosen weight (input 0 → unit 5 of layer 1), the chain rule's.
  await expect(lab.byId('inside-view').getByTestId('network-diagram-canvas')).toHaveAttribute(
    'data-active-link',
    '0:0-5'
  )
  await expect(lab.byId('inside-formulas')).toContainText(
    `= ${trace.layers[0].z[3 * 16 + 5].toFixed(4)}`
  )

  // "l" jumps a layer: layer 2's W and b.
  await page.keyboard.press('l')
  await expect(lab.byId('inside-step-title')).toHaveText('Layer 2 · W and b')
  await expect(lab.byId('inside-view').getByTestId('network-diagram-canvas')).toHaveAttribute(
    'data-active-layer',
    '1'
  )
  // Chain rule for layer 2's weight 0 → 0 at point 7: dW is the mean of a·δ over the batch.
  const dW = trace.layers[1].dW[0]
  await expect(lab.byId('inside-chain')).toContainText(dW.toFixed(4))
  await expect(lab.byId('inside-previous')).toHaveAttribute('title', 'Previous quantity (← or P)')
  await expect(lab.byId('inside-finish')).toHaveAttribute('aria-keyshortcuts', 'F')
  await page.keyboard.press('f')
  await expect(lab.byId('inside-epoch')).toHaveText('Epoch 2')
  expect(await lab.epoch()).toBe(1)
  lab.expectNoErrors()
})

test('a running run pauses for the step-through', async ({ lab }) => {
  await lab.open()
  await lab.setEpochLimit(1_000_000)
  await lab.start()
  await lab.byId('view-inside').click()
  await expect(lab.byId('inside-status')).toContainText('Pause it to step through')
  await lab.byId('inside-pause').click()
  await expect(lab.byId(ids.trainToggle)).toHaveAttribute('aria-pressed', 'false')
  // Once the trainer's last progress is in, the trace is of the epoch after the counter's.
  await expect(lab.byId('inside-status')).not.toContainText('moved on', { timeout: 20_000 })
  await expect
    .poll(async () => `Epoch ${(await lab.epoch()) + 1}`, { timeout: 20_000 })
    .toBe(await lab.byId('inside-epoch').innerText())
  expect(await lab.epoch()).toBeGreaterThan(0)
  lab.expectNoErrors()
})

test('the Inside view passes axe-core’s checks, light and dark', async ({ lab, page }) => {
  await lab.open()
  await lab.byId('view-inside').click()
  await expect(lab.byId('inside-epoch')).toHaveText('Epoch 1')
  await lab.byId('inside-next').click()
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    const results = await new AxeBuilder({ page }).include('[data-testid="inside-view"]').analyze()
    expect(
      results.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
      ),
      colorScheme
    ).toEqual([])
  }
})

for (const scheme of ['light', 'dark'] as const) {
  for (const [width, height] of [
    [1024, 700],
    [1280, 800]
  ] as const) {
    test(`screenshot: Inside view ${width}×${height} ${scheme}`, async ({ lab, page }) => {
      await page.emulateMedia({ colorScheme: scheme })
      await page.setViewportSize({ width, height })
      await lab.open()
      await lab.byId('view-inside').click()
      await expect(lab.byId('inside-epoch')).toHaveText('Epoch 1')
      for (let i = 0; i < 11; i++) await lab.byId('inside-next').click()
      await expect(lab.byId('inside-step-title')).toHaveText('Layer 3 (output) · dW = aᵀδ / m')
      await page.getByTestId('matrix-dW3-cells').hover({ position: { x: 3, y: 3 } })
      await lab.screenshot(`inside-${width}x${height}-${scheme}`)
      lab.expectNoErrors()
    })
  }
}
