// The boundary map's pointer gestures (loaded by mapPointer.ts once draw mode or the Inside view
// is first used): in draw mode a click adds a point of the chosen class (or value)
// and a drag, a right-button drag or a Shift-drag erases the points near the pointer; otherwise,
// once the Inside view has been opened, a click on a training point chooses it as the Inside
// view's sample. `drawMarks` (the map's marks plugin) rings the chosen point and shows the eraser.
import { effectScope, watch, type Ref, type ShallowRef } from 'vue'
import type { Chart } from 'chart.js'
import { insidePick } from '../inside/insidePick'
import { useDatasetStore } from '../../stores/dataset'
import { drawMode as drawing } from './drawMode'
import { nearestPoint } from './hitTest'

/** Radius of the eraser and of a pick, in CSS pixels. */
export const ERASE_RADIUS_PX = 14
export const PICK_RADIUS_PX = 8
/** A press that moves further than this is a drag (erase), not a click (add). */
const DRAG_PX = 5

interface PlanePoint {
  x: number
  y: number
  /** Inside the plotted area. */
  inside: boolean
  /** Pixel position on the canvas (CSS pixels). */
  px: number
  py: number
}

export interface MapGestures {
  drawMarks(chart: Chart<'scatter'>): void
  dispose(): void
}

export function createMapGestures(
  canvas: Ref<HTMLCanvasElement | null>,
  chart: ShallowRef<Chart<'scatter'> | null>
): MapGestures {
  const dataset = useDatasetStore()
  let gesture: {
    id: number
    startX: number
    startY: number
    last: PlanePoint
    erasing: boolean
  } | null = null
  /** Where the eraser is drawn while erasing, or null. */
  let eraser: PlanePoint | null = null

  function toPlane(event: PointerEvent): PlanePoint | null {
    const c = chart.value
    const el = canvas.value
    if (!c || !el) return null
    const rect = el.getBoundingClientRect()
    const px = event.clientX - rect.left
    const py = event.clientY - rect.top
    const area = c.chartArea
    const inside = px >= area.left && px <= area.right && py >= area.top && py <= area.bottom
    const x = c.scales.x.getValueForPixel(px) ?? NaN
    const y = c.scales.y.getValueForPixel(py) ?? NaN
    return { x, y, inside, px, py }
  }

  /** A radius in CSS pixels as plane units along each axis. */
  function radii(pixels: number): [number, number] {
    const c = chart.value
    if (!c) return [NaN, NaN]
    const { x, y } = c.scales
    return [
      (pixels * (x.max - x.min)) / c.chartArea.width,
      (pixels * (y.max - y.min)) / c.chartArea.height
    ]
  }

  function erase(from: PlanePoint, to: PlanePoint): void {
    const [rx, ry] = radii(ERASE_RADIUS_PX)
    drawing.tool?.eraseAlong(from.x, from.y, to.x, to.y, rx, ry)
    eraser = to
    chart.value?.draw()
  }

  function onPointerDown(event: PointerEvent): void {
    if (event.button !== 0 && !(drawing.active && event.button === 2)) return
    if (!drawing.active && !insidePick.enabled) return
    const p = toPlane(event)
    if (!p?.inside) return
    if (drawing.active) {
      event.preventDefault()
      canvas.value?.setPointerCapture?.(event.pointerId)
    }
    const erasing = drawing.active && (event.button === 2 || event.shiftKey)
    gesture = {
      id: event.pointerId,
      startX: event.clientX,
      startY: event.clientY,
      last: p,
      erasing
    }
    if (erasing) erase(p, p)
  }

  function onPointerMove(event: PointerEvent): void {
    if (!drawing.active) return
    const p = toPlane(event)
    if (!p) return
    drawing.pointer = p.inside ? { x: p.x, y: p.y } : null
    if (!gesture || gesture.id !== event.pointerId) return
    const moved = Math.hypot(event.clientX - gesture.startX, event.clientY - gesture.startY)
    if (!gesture.erasing && moved > DRAG_PX) gesture.erasing = true
    if (gesture.erasing) {
      erase(gesture.last, p)
      gesture.last = p
    }
  }

  function onPointerUp(event: PointerEvent): void {
    const done = gesture
    if (!done || done.id !== event.pointerId) return
    gesture = null
    if (eraser) {
      eraser = null
      chart.value?.draw()
    }
    if (done.erasing) return
    const p = done.last
    if (drawing.active) drawing.tool?.addAt(p.x, p.y)
    else pick(p)
  }

  function pick(p: PlanePoint): void {
    const train = dataset.train
    if (!train) return
    const [rx, ry] = radii(PICK_RADIUS_PX)
    const index = nearestPoint(train.x, train.count, p.x, p.y, rx, ry)
    if (index >= 0) insidePick.point = index
  }

  function onContextMenu(event: Event): void {
    // The right button erases while drawing.
    if (drawing.active) event.preventDefault()
  }

  /** The keyboard's cursor on the plane while the map has focus in draw mode: arrows move it
   *  (Shift: 5× further), Enter adds a point there, Delete or Backspace erases around it. */
  let keyCursor: { x: number; y: number } | null = null

  function onKeyDown(event: KeyboardEvent): void {
    const c = chart.value
    if (!drawing.active || !c || event.ctrlKey || event.metaKey || event.altKey) return
    const { x, y } = c.scales
    const cursor = keyCursor ?? { x: (x.min + x.max) / 2, y: (y.min + y.max) / 2 }
    const step = event.shiftKey ? 5 : 1
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, 1],
      ArrowDown: [0, -1]
    }
    const move = moves[event.key]
    if (move) {
      cursor.x = Math.min(
        x.max,
        Math.max(x.min, cursor.x + (move[0] * step * (x.max - x.min)) / 40)
      )
      cursor.y = Math.min(
        y.max,
        Math.max(y.min, cursor.y + (move[1] * step * (y.max - y.min)) / 40)
      )
    } else if (event.key === 'Enter') {
      drawing.tool?.addAt(cursor.x, cursor.y)
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      const [rx, ry] = radii(ERASE_RADIUS_PX)
      drawing.tool?.eraseAlong(cursor.x, cursor.y, cursor.x, cursor.y, rx, ry)
    } else return
    event.preventDefault()
    keyCursor = cursor
    drawing.pointer = { ...cursor }
    c.draw()
  }

  function onBlur(): void {
    keyCursor = null
    drawing.pointer = null
    chart.value?.draw()
  }

  function cancel(): void {
    drawing.pointer = null
    gesture = null
    eraser = null
    chart.value?.draw()
  }

  function drawMarks(c: Chart<'scatter'>): void {
    const { ctx } = c
    ctx.save()
    if (keyCursor && drawing.active) {
      // A crosshair where Enter adds, and the circle Delete erases.
      const kx = c.scales.x.getPixelForValue(keyCursor.x)
      const ky = c.scales.y.getPixelForValue(keyCursor.y)
      ctx.strokeStyle = '#111'
      ctx.lineWidth = 1.5
      ctx.beginPath()
      ctx.moveTo(kx - 9, ky)
      ctx.lineTo(kx + 9, ky)
      ctx.moveTo(kx, ky - 9)
      ctx.lineTo(kx, ky + 9)
      ctx.stroke()
      ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)'
      ctx.beginPath()
      ctx.arc(kx, ky, ERASE_RADIUS_PX, 0, 2 * Math.PI)
      ctx.stroke()
    }
    if (eraser && drawing.active) {
      ctx.strokeStyle = 'rgba(120, 120, 120, 0.9)'
      ctx.setLineDash([3, 3])
      ctx.lineWidth = 1.5
      ctx.beginPath()
      ctx.arc(eraser.px, eraser.py, ERASE_RADIUS_PX, 0, 2 * Math.PI)
      ctx.stroke()
    }
    const chosen = insidePick.point
    const train = dataset.train
    if (!drawing.active && chosen !== null && train && chosen < train.count) {
      const sx = c.scales.x.getPixelForValue(train.x[2 * chosen])
      const sy = c.scales.y.getPixelForValue(train.x[2 * chosen + 1])
      ctx.setLineDash([])
      ctx.lineWidth = 2
      ctx.strokeStyle = '#111'
      ctx.beginPath()
      ctx.arc(sx, sy, 6.5, 0, 2 * Math.PI)
      ctx.stroke()
      ctx.lineWidth = 1
      ctx.strokeStyle = '#fff'
      ctx.beginPath()
      ctx.arc(sx, sy, 8, 0, 2 * Math.PI)
      ctx.stroke()
    }
    ctx.restore()
  }

  const scope = effectScope()
  scope.run(() => {
    // A new run's training points are other points: the old choice means nothing for them.
    watch(
      () => dataset.train,
      () => (insidePick.point = null)
    )
    watch(
      () => [insidePick.point, drawing.active],
      () => chart.value?.draw()
    )
    watch(
      () => drawing.active,
      (on) => {
        const el = canvas.value
        if (el) {
          el.style.cursor = on ? 'crosshair' : ''
          // Draw mode takes the keyboard too: the map is focusable while drawing.
          if (on) {
            el.tabIndex = 0
            el.setAttribute(
              'aria-keyshortcuts',
              'ArrowLeft ArrowRight ArrowUp ArrowDown Enter Delete'
            )
          } else {
            el.removeAttribute('tabindex')
            el.removeAttribute('aria-keyshortcuts')
          }
        }
        if (!on) {
          keyCursor = null
          cancel()
        }
      },
      { immediate: true }
    )
  })

  const listeners: Array<[string, (event: never) => void]> = [
    ['pointerdown', onPointerDown],
    ['pointermove', onPointerMove],
    ['pointerup', onPointerUp],
    ['pointercancel', cancel],
    ['pointerleave', () => (drawing.pointer = null)],
    ['contextmenu', onContextMenu],
    ['keydown', onKeyDown],
    ['blur', onBlur]
  ]
  const target = canvas.value
  for (const [type, handler] of listeners) target?.addEventListener(type, handler as EventListener)
  return {
    drawMarks,
    dispose(): void {
      scope.stop()
      for (const [type, handler] of listeners) {
        target?.removeEventListener(type, handler as EventListener)
      }
    }
  }
}
