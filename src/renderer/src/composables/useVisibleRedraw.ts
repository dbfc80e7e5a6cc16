// A live view's throttled redraw (charts/redrawThrottle.ts): at most one per `minIntervalMs`,
// none while its element (the template ref named `panelKey`) is out of sight, none after unmount.
import { onBeforeUnmount, onMounted, useTemplateRef } from 'vue'
import { observeVisibility, RedrawThrottle } from '../charts/redrawThrottle'

export function useVisibleRedraw(
  panelKey: string,
  draw: () => void,
  minIntervalMs: number
): RedrawThrottle {
  const redraw = new RedrawThrottle(draw, minIntervalMs)
  const panel = useTemplateRef<HTMLElement>(panelKey)
  let stopVisibility: () => void = () => {}
  onMounted(() => {
    if (panel.value) stopVisibility = observeVisibility(panel.value, (v) => redraw.setVisible(v))
  })
  onBeforeUnmount(() => {
    stopVisibility()
    redraw.cancel()
  })
  return redraw
}
