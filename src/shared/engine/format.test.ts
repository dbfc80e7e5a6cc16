import { describe, expect, it } from 'vitest'
import {
  formatEpochLine,
  formatFinalAccuracy,
  formatLoss,
  formatNetworkLines,
  pythonFixed,
  pythonThousands
} from './format'

describe('notebook formatting', () => {
  it('prints epoch lines like the notebook', () => {
    expect(formatEpochLine(200, 0.0616, 1)).toBe('Epoch  200 | Loss: 0.0616 | Accuracy: 100.00%')
    expect(formatEpochLine(2000, 0.00100452, 0.9975)).toBe(
      'Epoch 2000 | Loss: 0.0010 | Accuracy: 99.75%'
    )
    expect(formatEpochLine(7, 1.23456, 0.5)).toBe('Epoch    7 | Loss: 1.2346 | Accuracy: 50.00%')
    expect(formatFinalAccuracy(0.97)).toBe('🎯 Final Accuracy: 97.00%')
  })

  it('rounds exact ties to even as Python does, and near-ties by their exact value', () => {
    expect(pythonFixed(0.125, 2)).toBe('0.12') // exactly representable tie → even
    expect(pythonFixed(0.375, 2)).toBe('0.38')
    expect(pythonFixed(2.5, 0)).toBe('2')
    expect(pythonFixed(0.1 + 0.2, 1)).toBe('0.3')
    expect(pythonFixed(1.005, 2)).toBe('1.00') // 1.005 is stored as 1.00499999…
    expect(pythonFixed(-0.125, 2)).toBe('-0.12')
  })

  it('separates thousands and lists the network', () => {
    expect(pythonThousands(193)).toBe('193')
    expect(pythonThousands(4417)).toBe('4,417')
    expect(pythonThousands(1234567)).toBe('1,234,567')
    expect(formatNetworkLines({ layerSizes: [2, 16, 8, 1] })).toEqual([
      'Network: 2, 16, 8, 1',
      'Total parameters: 193'
    ])
    expect(formatNetworkLines({ layerSizes: [2, 64, 64, 1] })[1]).toBe('Total parameters: 4,417')
  })
})

describe('formatLoss (top bar, status, tooltips)', () => {
  it('keeps four decimals down to 0.001, then switches to two significant digits', () => {
    expect(formatLoss(0.6931471805599453)).toBe('0.6931')
    expect(formatLoss(0.0616)).toBe('0.0616')
    expect(formatLoss(0.001)).toBe('0.0010')
    expect(formatLoss(0.000999)).toBe('1.0e-3')
    expect(formatLoss(3.2e-6)).toBe('3.2e-6')
    expect(formatLoss(3.249e-6)).toBe('3.2e-6')
    expect(formatLoss(4.56e-12)).toBe('4.6e-12')
    expect(formatLoss(12.5)).toBe('12.5000')
  })

  it('never prints a tiny loss as 0.0000, and spells what is not a number', () => {
    for (const tiny of [9e-4, 5e-5, 1e-8, 5e-324]) expect(formatLoss(tiny)).not.toMatch(/^0\.0+$/)
    expect(formatLoss(0)).toBe('0')
    expect(formatLoss(-0)).toBe('0')
    expect(formatLoss(NaN)).toBe('NaN')
    expect(formatLoss(Infinity)).toBe('Infinity')
  })

  it('leaves the notebook line alone: it still prints :.4f', () => {
    expect(formatEpochLine(2000, 3.2e-6, 1)).toBe('Epoch 2000 | Loss: 0.0000 | Accuracy: 100.00%')
  })
})
