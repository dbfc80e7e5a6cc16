// Progress events that arrive between two of the training store's commits, merged into one:
// every epoch and meter record in order, the newest of everything else. The store shows the maps
// at once and commits the rest at most PROGRESS_COMMIT_MS apart (issue 14), so the merged events
// carry no maps.
import type { ProgressEvent } from '@shared/protocol/trainerMessages'

/** `later` on top of `earlier`: a copy; neither is changed. */
export function mergeProgress(earlier: ProgressEvent, later: ProgressEvent): ProgressEvent {
  const merged: ProgressEvent = { ...earlier, ...withoutAbsent(later) }
  merged.points = earlier.points.length > 0 ? earlier.points.concat(later.points) : later.points
  if (earlier.meters && later.meters) merged.meters = earlier.meters.concat(later.meters)
  return merged
}

/** The fields `event` has (a spread of an absent optional field would erase the earlier one). */
function withoutAbsent(event: ProgressEvent): Partial<ProgressEvent> {
  const present: Partial<ProgressEvent> = {}
  for (const [key, value] of Object.entries(event)) {
    if (value !== undefined) (present as Record<string, unknown>)[key] = value
  }
  return present
}
