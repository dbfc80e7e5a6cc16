// The Training log's interval, in a module of its own: the renderer's first screen uses it, and
// importing it from notebook.ts would bring the notebook writer (and the engine) along.

/** The app's Training log prints a line every tenth of the epoch limit (the notebook: 200 of
 *  2000), at least every epoch. */
export function logIntervalFor(epochLimit: number): number {
  return Math.max(1, Math.round(epochLimit / 10))
}
