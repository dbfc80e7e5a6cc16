// Input standardisation (z-score), scikit-learn's StandardScaler: each input column becomes
// (x − mean) / scale, with the mean and the population standard deviation (ddof = 0) of the
// run's TRAINING points (after the train/test split; the test points are not looked at), and a
// scale of 1 for a column whose standard deviation is 0 (a constant column is only centred).
// Like the input features (features.ts) the transform is part of the model: NetworkSpec.standardize
// holds it, network.ts forward() applies it where the inputs enter (raw → standardised →
// features → first layer), so the boundary map, predict and every export read points in their
// original units. DatasetSpec.standardize asks for it; TrainingRun.create fits it.
import type { Dataset, NetworkSpec, RunConfig } from './types'

/** The fitted transform of the two input columns: z = (x − mean) / scale. */
export interface InputStandardization {
  /** The training points' mean of x1 and x2. */
  mean: [number, number]
  /** Their population standard deviation (ddof = 0), or 1 where it is 0. */
  scale: [number, number]
}

/** One sentence on where the numbers come from (import dialog, exports, --help). */
export const STANDARDIZE_DOC =
  'Each input column is shifted and scaled to mean 0 and standard deviation 1, with the mean and standard deviation of the training points (not the test points).'

/** The mean and scale of `data`'s two columns (StandardScaler().fit(X)). Two passes: the mean,
 *  then the mean squared deviation from it. No points: the identity. */
export function fitStandardization(data: Dataset): InputStandardization {
  const n = data.count
  if (n === 0) return { mean: [0, 0], scale: [1, 1] }
  const mean: [number, number] = [0, 0]
  const scale: [number, number] = [1, 1]
  for (let j = 0; j < 2; j++) {
    let sum = 0
    for (let i = 0; i < n; i++) sum += data.x[2 * i + j]
    const m = sum / n
    let squares = 0
    let deviations = 0
    for (let i = 0; i < n; i++) {
      const d = data.x[2 * i + j] - m
      squares += d * d
      deviations += d
    }
    // The corrected two-pass algorithm (Chan, Golub & LeVeque), as NumPy's var is close to.
    const variance = (squares - (deviations * deviations) / n) / n
    mean[j] = m
    scale[j] = isConstantColumn(variance, m, n) ? 1 : Math.sqrt(variance)
  }
  return { mean, scale }
}

/** scikit-learn's `_is_constant_feature`: a variance within rounding of 0 is a constant column. */
function isConstantColumn(variance: number, mean: number, n: number): boolean {
  const eps = Number.EPSILON
  return variance <= n * eps * variance + (n * mean * eps) ** 2
}

/** A sentence when a stored transform is not usable, or null. */
export function validateStandardization(s: InputStandardization): string | null {
  for (let j = 0; j < 2; j++) {
    if (!Number.isFinite(s.mean[j]))
      return `The standardisation mean of input ${j + 1} is not a number.`
    if (!Number.isFinite(s.scale[j]) || !(s.scale[j] > 0)) {
      return `The standardisation scale of input ${j + 1} must be a positive number.`
    }
  }
  return null
}

/** (x − mean) / scale of `count` points (count×2, row-major) into out. */
export function standardizeInto(
  s: InputStandardization,
  x: Float64Array,
  count: number,
  out: Float64Array
): Float64Array {
  const [m1, m2] = s.mean
  const [s1, s2] = s.scale
  for (let n = 0; n < count; n++) {
    out[2 * n] = (x[2 * n] - m1) / s1
    out[2 * n + 1] = (x[2 * n + 1] - m2) / s2
  }
  return out
}

/** The network `TrainingRun.create` builds: with the transform fitted on the training points when
 *  the dataset asks for it (DatasetSpec.standardize), else without one. */
export function standardizedNetwork(config: RunConfig, train: Dataset): NetworkSpec {
  const { standardize: _previous, ...network } = config.network
  return config.dataset.standardize
    ? { ...network, standardize: fitStandardization(train) }
    : network
}
