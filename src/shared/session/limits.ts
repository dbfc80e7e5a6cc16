// Limits of the file itself. A run's own limits (layers, neurons, points, classes, epochs, history)
// are the engine's (engine/limits.ts), read directly by schema.ts and decodeRun.ts, so every file
// the app or `nn-lab` writes opens again, and anything past them is refused before it is built.

/** Characters in a whole session file: past this the text is damaged or hostile, not a session. */
export const MAX_FILE_CHARS = 400_000_000
export const MAX_NAME_CHARS = 1000
export const MAX_NOTE_CHARS = 100_000
