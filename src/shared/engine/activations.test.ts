// Each activation and its derivative against independent references: the registry's own NumPy
// source (what the exported script runs) for f, and PyTorch's autograd for df and for the
// registry's NumPy source of df (the Inside view's code panel).
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ACTIVATIONS, ACTIVATIONS_REGISTRY } from './activations'

const python = '/usr/bin/python3'
const hasTorch = (() => {
  try {
    return existsSync(python) && (execFileSync(python, ['-c', 'import numpy, torch']), true)
  } catch {
    return false
  }
})()

const zs = [-30, -8, -3, -1.5, -0.7, -0.1, -1e-9, 0, 1e-9, 0.05, 0.4, 1, 2.5, 6, 30]

// torch's module for each name; softplus with a threshold no input reaches, so it is ln(1 + e^z).
const TORCH: Record<string, string> = {
  sigmoid: 'torch.sigmoid',
  relu: 'torch.relu',
  tanh: 'torch.tanh',
  'leaky-relu': 'lambda z: torch.nn.functional.leaky_relu(z, 0.01)',
  linear: 'lambda z: z',
  elu: 'torch.nn.functional.elu',
  gelu: "lambda z: torch.nn.functional.gelu(z, approximate='tanh')",
  swish: 'torch.nn.functional.silu',
  softplus: 'lambda z: torch.nn.functional.softplus(z, threshold=1e6)'
}

function reference(): Record<string, { f: number[]; df: number[]; dfNumpy: number[] }> {
  const numpyFns = ACTIVATIONS.map(
    (name) => `    ${JSON.stringify(name)}: ${ACTIVATIONS_REGISTRY[name].numpy},`
  ).join('\n')
  const numpyDerivatives = ACTIVATIONS.map(
    (name) => `    ${JSON.stringify(name)}: ${ACTIVATIONS_REGISTRY[name].numpyDerivative},`
  ).join('\n')
  const torchFns = ACTIVATIONS.map((name) => `    ${JSON.stringify(name)}: ${TORCH[name]},`).join(
    '\n'
  )
  const script = `
import json, numpy as np, torch
def sigmoid(z):
    return 1 / (1 + np.exp(-np.clip(z, -500, 500)))
NUMPY = {
${numpyFns}
}
NUMPY_DERIVATIVE = {
${numpyDerivatives}
}
TORCH = {
${torchFns}
}
z = np.array(${JSON.stringify(zs)}, dtype=np.float64)
out = {}
for name in NUMPY:
    t = torch.tensor(z, dtype=torch.float64, requires_grad=True)
    TORCH[name](t).sum().backward()
    out[name] = {'f': NUMPY[name](z).tolist(), 'df': t.grad.tolist(),
                 'dfNumpy': np.broadcast_to(NUMPY_DERIVATIVE[name](z), z.shape).tolist()}
print(json.dumps(out))
`
  return JSON.parse(execFileSync(python, ['-c', script], { encoding: 'utf8' })) as Record<
    string,
    { f: number[]; df: number[]; dfNumpy: number[] }
  >
}

describe.skipIf(!hasTorch)('activations against NumPy (f) and PyTorch autograd (df)', () => {
  const ref = hasTorch ? reference() : {}
  for (const name of ACTIVATIONS) {
    it(name, () => {
      const entry = ACTIVATIONS_REGISTRY[name]
      zs.forEach((z, i) => {
        const tol = (v: number): number => 1e-14 * Math.max(1, Math.abs(v))
        expect(Math.abs(entry.f(z) - ref[name].f[i])).toBeLessThanOrEqual(tol(ref[name].f[i]))
        // relu-like kinks: torch's gradient at exactly 0 is 0 (relu) or the slope; ours the same.
        expect(Math.abs(entry.df(z) - ref[name].df[i])).toBeLessThanOrEqual(tol(ref[name].df[i]))
        // The derivative's NumPy source (the Inside view's code panel) is the same function.
        expect(Math.abs(ref[name].dfNumpy[i] - ref[name].df[i])).toBeLessThanOrEqual(
          tol(ref[name].df[i])
        )
      })
    })
  }
})
