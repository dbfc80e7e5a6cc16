// Compare runs (issue 15) in one chunk loaded after the first screen: the views, the curves'
// overlays and the store. App.vue, LossCurves.vue and the session store import it dynamically
// (one chunk keeps the first screen's list of lazy files short: its budget is nearly full).
export { default as ComparePanel } from './ComparePanel.vue'
export { default as CurvesCompanion } from './CurvesCompanion.vue'
export * as overlays from '../../charts/curveOverlays'
export { useCompareStore } from '../../stores/compare'
