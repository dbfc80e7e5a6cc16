// Messages from charts/gridPainter.ts to the boundary map's painter worker.
import type { BoundaryGrid } from '@shared/engine/types'
import type { Palette, PaintOptions } from '../charts/colormap'

export type GridPainterRequest =
  /** The map's grid canvas, handed over once (transferControlToOffscreen). */
  | { type: 'canvas'; canvas: OffscreenCanvas }
  /** A grid to paint. `palette` comes only when it changed since the last paint. */
  | {
      type: 'paint'
      grid: BoundaryGrid
      options: Omit<PaintOptions, 'palette'>
      palette?: Palette
    }
