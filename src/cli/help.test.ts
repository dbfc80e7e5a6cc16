// --help lists each choice exactly as the engine's registries name them.
import { describe, expect, it } from 'vitest'
import { ACTIVATIONS, GENERATED_DATASETS, INITS, OPTIMIZERS } from '../shared/engine'
import { COMMAND_HELP } from './help'

/** The names after `--option WORD` on its help line. */
function listed(option: string): string[] {
  const line = COMMAND_HELP.train.split('\n').find((l) => l.trimStart().startsWith(option))
  if (line === undefined) throw new Error(`no ${option} line`)
  const after = line.trimStart().split(/\s{2,}/)[1]
  return after.replace(/ \(.*\)$/, '').split(' | ')
}

describe('train --help', () => {
  it('offers exactly the registries’ names', () => {
    expect(listed('--dataset')).toEqual([...GENERATED_DATASETS])
    expect(listed('--activation')).toEqual([...ACTIVATIONS])
    expect(listed('--init')).toEqual([...INITS])
    expect(listed('--optimizer')).toEqual([...OPTIMIZERS])
  })
})
