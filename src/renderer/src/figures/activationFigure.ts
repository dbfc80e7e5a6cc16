// The notebook's Step 1 panels: each activation (solid blue) beside its derivative (dashed red).
import { ACTIVATION_FUNCTIONS } from '@shared/engine'
import type { ActivationName } from '@shared/engine/types'
import type { PlotSeries } from './plot'
import { FUNCTION_COLORS } from '../charts/colormap'

/** The four the notebook and the Learn panel discuss (linear is trivial). */
export const PLOTTED_ACTIVATIONS: readonly ActivationName[] = [
  'sigmoid',
  'relu',
  'tanh',
  'leaky-relu'
]

export const ACTIVATION_TITLES: Record<ActivationName, string> = {
  sigmoid: 'Sigmoid & Derivative',
  relu: 'ReLU & Derivative',
  tanh: 'Tanh & Derivative',
  'leaky-relu': 'Leaky ReLU & Derivative',
  linear: 'Linear & Derivative'
}

export const SHORT_NAMES: Record<ActivationName, string> = {
  sigmoid: 'sigmoid',
  relu: 'ReLU',
  tanh: 'tanh',
  'leaky-relu': 'leaky ReLU',
  linear: 'linear'
}

export interface ActivationCurve {
  z: Float64Array
  f: Float64Array
  df: Float64Array
}

/** Samples f and f′ at `count` evenly spaced z in [zMin, zMax] (the notebook: linspace(-5, 5, 200)). */
export function sampleActivation(
  name: ActivationName,
  zMin: number,
  zMax: number,
  count = 200
): ActivationCurve {
  const { f, df } = ACTIVATION_FUNCTIONS[name]
  const z = new Float64Array(count)
  const fz = new Float64Array(count)
  const dfz = new Float64Array(count)
  for (let i = 0; i < count; i++) {
    z[i] = count === 1 ? zMin : zMin + ((zMax - zMin) * i) / (count - 1)
    fz[i] = f(z[i])
    dfz[i] = df(z[i])
  }
  return { z, f: fz, df: dfz }
}

/** The panel's two series in the notebook's styles ('b-' and 'r--', linewidth 2). */
export function activationSeries(name: ActivationName, curve: ActivationCurve): PlotSeries[] {
  return [
    { label: SHORT_NAMES[name], xs: curve.z, ys: curve.f, color: FUNCTION_COLORS.f, lineWidth: 2 },
    {
      label: `${SHORT_NAMES[name]}'`,
      xs: curve.z,
      ys: curve.df,
      color: FUNCTION_COLORS.derivative,
      dash: [7, 5],
      lineWidth: 2
    }
  ]
}
