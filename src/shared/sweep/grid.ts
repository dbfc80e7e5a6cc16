// A sweep's grid: every combination of the axes' values, the first axis outermost, each axis in
// the order its values were given. The CLI (`nn-lab sweep`: --lr outer, --layers inner) and the
// app's Sweep view expand their grids here, and share the run and thread limits.
import { MAX_SWEEP_JOBS } from '../engine/limits'
import type { RunConfig } from '../engine/types'
import { applySweepValues, type SweepAxis, type SweepValue } from './settings'

/** Every combination, as one value per axis: axis 0 outermost. An axis-free grid has one cell. */
export function expandGrid<T>(axes: readonly (readonly T[])[]): T[][] {
  let combos: T[][] = [[]]
  for (const values of axes) {
    const next: T[][] = []
    for (const combo of combos) for (const value of values) next.push([...combo, value])
    combos = next
  }
  return combos
}

/** How many threads a sweep of `runs` uses: as asked (default: the cores), never more than its
 *  runs or `cap`, at least one. */
export function sweepThreads(runs: number, cores: number, cap: number = MAX_SWEEP_JOBS): number {
  return Math.max(1, Math.min(runs, Math.floor(cores) || 1, cap))
}

/** One cell of an app sweep: its position (row = axis 0's value index, column = axis 1's) and
 *  the config it trains. */
export interface SweepCell {
  index: number
  row: number
  column: number
  values: SweepValue[]
  config: RunConfig
}

/** The cells of a sweep of `base` over one or two axes, row by row. */
export function sweepCells(base: RunConfig, axes: readonly SweepAxis[]): SweepCell[] {
  const indices = expandGrid(axes.map((axis) => axis.values.map((_, i) => i)))
  return indices.map((at, index) => ({
    index,
    row: at[0] ?? 0,
    column: at[1] ?? 0,
    values: at.map((i, a) => axes[a].values[i]),
    config: applySweepValues(
      base,
      at.map((i, a) => ({ setting: axes[a].setting, value: axes[a].values[i] }))
    )
  }))
}
