// The notebook's Step 1 panels: each activation (solid blue) beside its derivative (dashed red).
import { ACTIVATIONS_REGISTRY } from '@shared/engine'
import { ACTIVATIONS, type ActivationName } from '@shared/engine/types'
import type { PlotSeries } from './plot'
import { FUNCTION_COLORS } from '../charts/colormap'

/** The ones the notebook and the Learn panel discuss (the registry's `plotted` entries). */
export const PLOTTED_ACTIVATIONS: readonly ActivationName[] = ACTIVATIONS.filter(
  (name) => ACTIVATIONS_REGISTRY[name].plotted
)

/** Each panel's caption, the notebook's: 'Leaky ReLU & Derivative'. */
export const ACTIVATION_TITLES = Object.fromEntries(
  ACTIVATIONS.map((name) => [name, `${ACTIVATIONS_REGISTRY[name].label} & Derivative`])
) as Record<ActivationName, string>

/** The legend's name of each curve: 'leaky ReLU' (and 'leaky ReLU'' for the derivative). */
export const SHORT_NAMES = Object.fromEntries(
  ACTIVATIONS.map((name) => [name, ACTIVATIONS_REGISTRY[name].inlineName])
) as Record<ActivationName, string>

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
  const { f, df } = ACTIVATIONS_REGISTRY[name]
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
