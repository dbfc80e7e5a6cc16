// Off-screen canvases and PNG bytes. Figures render at the requested scale into a canvas that is
// never attached to the page, then leave as PNG bytes for `lab.exportFile` / the clipboard.

/** The export menu's background choice: the screen's theme (white, or dark in dark mode), always
 *  white (a light figure for print), or transparent (the screen theme's ink on no fill). */
export type FigureBackground = 'theme' | 'white' | 'transparent'

/** A canvas of `width × height` CSS pixels backed by `scale`× as many device pixels, its context
 *  already scaled so drawing code thinks in CSS pixels. */
export function createScaledCanvas(
  width: number,
  height: number,
  scale: number,
  /** The fill colour, or null for a transparent figure. */
  background: string | null
): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(width * scale)
  canvas.height = Math.round(height * scale)
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('This browser cannot draw figures (no 2-D canvas).')
  if (background !== null) {
    ctx.fillStyle = background
    ctx.fillRect(0, 0, canvas.width, canvas.height)
  }
  ctx.scale(scale, scale)
  return { canvas, ctx }
}

/** The canvas as PNG file bytes. */
export async function canvasToPng(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
  if (!blob) throw new Error('The figure could not be encoded as PNG.')
  return new Uint8Array(await blob.arrayBuffer())
}

/** A canvas holding an RGBA image pixel for pixel (to be drawn scaled with drawImage). */
export function imageCanvas(
  rgba: Uint8ClampedArray,
  width: number,
  height: number
): HTMLCanvasElement {
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('This browser cannot draw figures (no 2-D canvas).')
  const image = ctx.createImageData(width, height)
  image.data.set(rgba)
  ctx.putImageData(image, 0, 0)
  return canvas
}
