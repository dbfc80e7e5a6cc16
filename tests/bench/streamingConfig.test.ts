// `npm run bench`'s live-view bench sends its run to a real trainer, which validates it like any
// command: a run the trainer refuses (an epoch limit past MAX_EPOCHS once did) stops the bench
// with an error, and nothing else runs the bench in CI.
import { describe, expect, it } from 'vitest'
import { STREAMING_CONFIG } from '../../bench/streaming'
import { parseTrainerCommand } from '../../src/shared/protocol/trainerSchemas'

describe('the live-view bench run', () => {
  it('is a run the trainer takes', () => {
    const parsed = parseTrainerCommand({
      type: 'configure',
      requestId: 1,
      config: STREAMING_CONFIG
    })
    expect(parsed.ok ? null : parsed.message).toBeNull()
  })
})
