// The trainer's answers to 'analyze': the analysis views' numbers, computed by the engine on the
// run's current weights and training points (never by the renderer).
import { gradcheck } from '../engine/gradcheck'
import { hiddenSpace } from '../engine/hiddenSpace'
import { lossLandscape } from '../engine/landscape'
import { confusionMatrix } from '../engine/confusion'
import type { TrainingRun } from '../engine'
import type { AnalysisRequest, AnalysisResult } from '../protocol/trainerMessages'

/** Central differences need a step well above rounding yet small beside ReLU kinks. */
const GRADCHECK_STEP = 1e-5

/** Throws a RangeError with a sentence when the request does not fit the run. */
export function analyzeRun(run: TrainingRun, request: AnalysisRequest): AnalysisResult {
  const spec = run.config.network
  const { l1, l2 } = run.config.training
  const epoch = run.epoch
  switch (request.kind) {
    case 'gradcheck': {
      const { maxRelativeError, rows } = gradcheck(spec, run.params, run.train, {
        l1,
        l2,
        h: GRADCHECK_STEP,
        maxChecks: request.maxChecks
      })
      return { kind: 'gradcheck', epoch, maxRelativeError, rows }
    }
    case 'hidden-space': {
      const space = hiddenSpace(spec, run.params, run.train, {
        layer: request.layer,
        units: request.units,
        bounds: run.bounds()
      })
      return { kind: 'hidden-space', epoch, space }
    }
    case 'landscape': {
      for (const p of request.path) {
        const fits =
          p.weights.length === run.params.weights.length &&
          p.weights.every((w, l) => w.length === run.params.weights[l].length)
        if (!fits) throw new RangeError('The path’s weights belong to another network.')
      }
      const landscape = lossLandscape(spec, run.params, run.train, {
        resolution: request.resolution,
        span: request.span,
        path: request.path,
        l1,
        l2
      })
      return { kind: 'landscape', epoch, landscape }
    }
    case 'confusion': {
      const params = request.params ?? run.params
      const fits =
        params.weights.length === run.params.weights.length &&
        params.weights.every((w, l) => w.length === run.params.weights[l].length) &&
        params.biases.every((b, l) => b.length === run.params.biases[l].length)
      if (!fits) throw new RangeError('These weights belong to another network.')
      const data = request.set === 'train' ? run.train : run.test
      return {
        kind: 'confusion',
        epoch,
        set: request.set,
        matrix: confusionMatrix(spec, params, data)
      }
    }
  }
}
