// Names of the performance marks the app sets while it starts (main.ts), read by the e2e perf
// report (e2e/renderer/perf-main-thread.spec.ts restates them: it cannot import renderer code).
export const START_MARKS = {
  /** The Vue app is mounted: the lab's panels are in the page. */
  mounted: 'nnlab:app-mounted',
  /** The trainer has built the first run: Train is enabled, the lab is usable. */
  trainerReady: 'nnlab:trainer-ready'
} as const
