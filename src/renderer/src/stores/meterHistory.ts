// The training meters the trainer sent (one record per epoch while the gradient-flow view is
// open), kept in bounded memory: past MAX_METER_RECORDS the older half is thinned to every
// second record, so a 100,000-epoch run keeps its whole shape in a few thousand records, and the
// latest epochs stay one record each.
import type { EpochMeterRecord } from '@shared/protocol/trainerMessages'

export const MAX_METER_RECORDS = 4000

export function appendMeters(history: EpochMeterRecord[], records: EpochMeterRecord[]): void {
  for (const record of records) history.push(record)
  if (history.length <= MAX_METER_RECORDS) return
  const half = Math.floor(history.length / 2)
  const thinned: EpochMeterRecord[] = []
  for (let i = 0; i < half; i += 2) thinned.push(history[i])
  history.splice(0, half, ...thinned)
}
