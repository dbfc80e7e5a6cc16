// @vitest-environment happy-dom
// Draw mode's store: what a drawing starts from, what clicks and drags do to it, and the run that
// "Use these points" (or Train while drawing) asks the trainer for.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { SEED_NOTEBOOK } from '@shared/engine'
import type { Dataset, RunConfig } from '@shared/engine/types'
import { drawMode } from '../components/draw/drawMode'
import { useDatasetStore } from './dataset'
import { DRAWN_DATASET_NAME, drawnRunConfig, useDrawingStore } from './drawing'
import { outputHead } from './network'
import { useTrainingStore } from './training'

function points(labels: number[], targets?: number[]): Dataset {
  const data: Dataset = {
    x: Float64Array.from(labels.flatMap((_, i) => [i, -i])),
    labels: Int32Array.from(labels),
    count: labels.length,
    classes: Math.max(2, ...labels.map((l) => l + 1))
  }
  if (targets) data.targets = Float64Array.from(targets)
  return data
}

describe('outputHead and drawnRunConfig', () => {
  it('give the head the data asks for', () => {
    expect(outputHead(2, false)).toEqual({ output: 'sigmoid', size: 1 })
    expect(outputHead(4, false)).toEqual({ output: 'softmax', size: 4 })
    expect(outputHead(2, true)).toEqual({ output: 'linear', size: 1 })
  })

  it('builds the lab’s run on drawn points with their head, keeping the other settings', () => {
    const base: RunConfig = structuredClone(SEED_NOTEBOOK)
    const three = drawnRunConfig(base, points([0, 1, 2, 2]))
    expect(three.dataset).toEqual({ ...base.dataset, kind: 'csv', samples: 4, classes: 3 })
    expect(three.network).toEqual({ ...base.network, layerSizes: [2, 16, 8, 3], output: 'softmax' })
    expect(three.training).toEqual(base.training)
    const values = drawnRunConfig(three, points([0, 1], [-1, 2]))
    expect(values.network).toMatchObject({ layerSizes: [2, 16, 8, 1], output: 'linear' })
    expect(values.dataset).toMatchObject({ kind: 'csv', samples: 2, classes: 2 })
  })
})

describe('the drawing store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    drawMode.active = false
  })

  it('starts from the run’s points, adds the chosen class, erases, and says when unused', () => {
    const dataset = useDatasetStore()
    dataset.setRunData({
      train: points([0, 1, 0]),
      test: points([1]),
      bounds: { xMin: -5, xMax: 5, yMin: -5, yMax: 5 }
    })
    const drawing = useDrawingStore()
    drawing.enter()
    expect(drawMode.active).toBe(true)
    expect(drawing.count).toBe(4)
    expect(drawing.dirty).toBe(false)
    drawing.chooseClass(1)
    drawing.addAt(3, 3)
    expect(drawing.count).toBe(5)
    expect(drawing.dirty).toBe(true)
    expect(drawMode.points?.labels[4]).toBe(1)
    // Erasing along a drag over (0, 0) and (1, −1): two training points and the test point
    // (also at (0, 0)) go; (2, −2) and the new (3, 3) stay.
    drawing.eraseAlong(-0.2, 0.2, 1.2, -1.2, 0.3, 0.3)
    expect(drawing.count).toBe(2)
    expect(Array.from(drawMode.points?.x ?? [])).toEqual([2, -2, 3, 3])
    // Leaving keeps the unfinished drawing for the next time.
    drawing.leave()
    expect(drawMode.active).toBe(false)
    drawing.enter()
    expect(drawing.count).toBe(2)
    drawing.startFrom('empty')
    expect(drawing.count).toBe(0)
    expect(drawing.dirty).toBe(true)
  })

  it('Use these points asks the trainer for the drawn run; Train while drawing does too', async () => {
    const drawing = useDrawingStore()
    const training = useTrainingStore()
    const replaceRun = vi.spyOn(training, 'replaceRun').mockResolvedValue(true)
    drawing.enter()
    drawing.startFrom('empty')
    drawing.addAt(1, 2)
    expect(await drawing.use()).toBe(false)
    expect(drawing.message).toBe('Draw at least two points.')
    drawing.addAt(2, 1)
    expect(await drawing.use()).toBe(false)
    expect(drawing.message).toBe('Draw points of at least two classes.')
    drawing.chooseClass(1)
    drawing.addAt(0, 0)
    expect(await drawing.use()).toBe(true)
    expect(replaceRun).toHaveBeenCalledTimes(1)
    const [config, imported] = replaceRun.mock.calls[0]
    expect(config.dataset).toMatchObject({ kind: 'csv', samples: 3, classes: 2 })
    expect(imported?.name).toBe(DRAWN_DATASET_NAME)
    expect(Array.from(imported?.data.x ?? [])).toEqual([1, 2, 2, 1, 0, 0])
    expect(Array.from(imported?.data.labels ?? [])).toEqual([0, 0, 1])
    expect(drawing.dirty).toBe(false)

    // Train with a changed drawing builds it first (here the trainer is a stub: no start).
    drawing.addAt(4, 4)
    training.start()
    await vi.waitFor(() => expect(replaceRun).toHaveBeenCalledTimes(2))
    expect(replaceRun.mock.calls[1][1]?.data.count).toBe(4)
    // A refusal is shown in the tools, and the drawing stays unused.
    replaceRun.mockRejectedValueOnce(new Error('The trainer says no.'))
    drawing.addAt(5, 5)
    expect(await drawing.use()).toBe(false)
    expect(drawing.message).toBe('The trainer says no.')
    expect(drawing.dirty).toBe(true)
  })

  it('draws values for a regression network, with a target a click gives', async () => {
    const dataset = useDatasetStore()
    dataset.kind = 'plane'
    const drawing = useDrawingStore()
    const training = useTrainingStore()
    const replaceRun = vi.spyOn(training, 'replaceRun').mockResolvedValue(true)
    drawing.enter()
    expect(drawing.problem).toBe('values')
    drawing.targetValue = -0.5
    drawing.addAt(0, 0)
    drawing.targetValue = 2
    drawing.addAt(1, 1)
    expect(await drawing.use()).toBe(true)
    const [config, imported] = replaceRun.mock.calls[0]
    expect(config.network.output).toBe('linear')
    expect(Array.from(imported?.data.targets ?? [])).toEqual([-0.5, 2])
    expect(Array.from(imported?.data.labels ?? [])).toEqual([0, 1])
  })
})
