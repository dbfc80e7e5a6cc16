// Step-by-step upgrades of older session files. Each migration takes the parsed JSON of one
// version and returns the JSON of the next; parseSession applies them in order until the file is
// at the current version, and only then validates it with the current schema.
//
// Version 1 is the first `.nnlab` format, so the list is empty today. When the format changes:
// bump SESSION_VERSION, add `{ from: 1, to: 2, migrate }` here, freeze a real version-1 file in
// fixtures/ (the existing session-v1.nnlab), and keep its test.
import { fail } from './errors'

export type JsonObject = Record<string, unknown>

export interface Migration {
  from: number
  to: number
  migrate(doc: JsonObject): JsonObject
}

export const MIGRATIONS: readonly Migration[] = []

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
