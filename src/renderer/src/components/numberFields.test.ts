import { describe, expect, it } from 'vitest'
import {
  MAX_EPOCHS,
  MAX_LAYER_SIZE,
  MAX_LEARNING_RATE,
  MAX_NOISE,
  MAX_SAMPLES,
  MIN_SAMPLES
} from '@shared/engine/limits'
import {
  checkNumber,
  describeRange,
  EPOCH_LIMIT_RULE,
  LEARNING_RATE_RULE,
  MOMENTUM_RULE,
  NEURONS_RULE,
  NOISE_RULE,
  SAMPLES_RULE,
  type NumberRule
} from './numberFields'

describe('number fields take the engine’s ranges', () => {
  const cases: [NumberRule, accepted: number[], refused: [string, string][]][] = [
    [
      SAMPLES_RULE,
      [MIN_SAMPLES, MAX_SAMPLES],
      [
        [String(MAX_SAMPLES + 1), 'Samples must be a whole number from 4 to 100,000, not 100001.'],
        ['3', 'Samples must be a whole number from 4 to 100,000, not 3.'],
        ['10.5', 'Samples must be a whole number from 4 to 100,000, not 10.5.']
      ]
    ],
    [NOISE_RULE, [0, MAX_NOISE], [['5.01', 'Noise must be a number from 0 to 5, not 5.01.']]],
    [
      NEURONS_RULE,
      [1, MAX_LAYER_SIZE],
      [
        ['0', 'Neurons must be a whole number from 1 to 1,024, not 0.'],
        ['1025', 'Neurons must be a whole number from 1 to 1,024, not 1025.']
      ]
    ],
    [
      LEARNING_RATE_RULE,
      [1e-9, MAX_LEARNING_RATE],
      [
        ['0', 'The learning rate must be a number above 0 and at most 100, not 0.'],
        ['101', 'The learning rate must be a number above 0 and at most 100, not 101.'],
        // A number input hands over '' for text that is not a number.
        ['', 'The learning rate must be a number above 0 and at most 100.']
      ]
    ],
    [
      MOMENTUM_RULE,
      [0, 0.999],
      [['1', 'Momentum must be a number at least 0 and below 1, not 1.']]
    ],
    [
      EPOCH_LIMIT_RULE,
      [1, MAX_EPOCHS],
      [['5000001', 'The epoch limit must be a whole number from 1 to 5,000,000, not 5000001.']]
    ]
  ]
  for (const [rule, accepted, refused] of cases) {
    it(`${rule.name}: ${describeRange(rule)}`, () => {
      for (const value of accepted) {
        expect(checkNumber(String(value), rule)).toEqual({ ok: true, value })
      }
      for (const [text, message] of refused) {
        expect(checkNumber(text, rule)).toEqual({ ok: false, message })
      }
    })
  }
})
