import { describe, expect, it } from 'vitest'
import {
  formatEpochLine,
  formatFinalAccuracy,
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
