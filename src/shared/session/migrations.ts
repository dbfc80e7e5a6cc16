// Step-by-step upgrades of older session files. Each migration takes the parsed JSON of one
// version and returns the JSON of the next; parseSession applies them in order until the file is
// at the current version, and only then validates it with the current schema.
//
// When the format changes: bump SESSION_VERSION, add `{ from: n, to: n + 1, migrate }` here,
// freeze a real file of the new version in fixtures/ (beside session-v1.nnlab, session-v2.nnlab)
// and keep every fixture's test.
import { fail } from './errors'

export type JsonObject = Record<string, unknown>

export interface Migration {
  from: number
  to: number
  migrate(doc: JsonObject): JsonObject
}

/** Version 2 added the run's timeline (issue 15); a version-1 file has none. */
export const MIGRATE_V1_TO_V2: Migration = {
  from: 1,
  to: 2,
  migrate: (doc) => ({ ...doc, timeline: null })
}

export const MIGRATIONS: readonly Migration[] = [MIGRATE_V1_TO_V2]

/** Runs the migrations from `version` up to `target`, one version at a time. */
export function migrateToVersion(
  doc: JsonObject,
  version: number,
  target: number,
  migrations: readonly Migration[] = MIGRATIONS
): JsonObject {
  let current = doc
  for (let v = version; v < target; v++) {
    const step = migrations.find((m) => m.from === v && m.to === v + 1)
    if (!step) {
      fail('bad-version', `This NN Lab cannot convert session files of format version ${v}.`)
    }
    current = { ...step.migrate(current), version: v + 1 }
  }
  return current
}
