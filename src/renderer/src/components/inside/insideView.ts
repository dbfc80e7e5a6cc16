// The Inside view loads on first use (KaTeX, highlight.js and the view itself stay out of the
// initial bundle).
import { defineAsyncComponent } from 'vue'

export const InsideView = defineAsyncComponent(() => import('./InsideView.vue'))
