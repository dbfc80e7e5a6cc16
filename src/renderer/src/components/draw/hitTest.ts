// Which point a pointer is on: the map's hit test (the Inside view's pick, and the draft's own
// tests in pointDraft.ts). Plane units; the radii are the pointer's reach along each axis.

/** The index of the point nearest (cx, cy) inside the ellipse of radii rx, ry around it, or −1
 *  when none is that close. */
export function nearestPoint(
  x: ArrayLike<number>,
  count: number,
  cx: number,
  cy: number,
  rx: number,
  ry: number
): number {
  let best = -1
  let bestDistance = 1
  for (let i = 0; i < count; i++) {
    const dx = (x[2 * i] - cx) / rx
    const dy = (x[2 * i + 1] - cy) / ry
    const d = dx * dx + dy * dy
    if (d <= bestDistance) {
      bestDistance = d
      best = i
    }
  }
  return best
}
