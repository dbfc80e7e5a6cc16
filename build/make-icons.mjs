// Draws the NN Lab app icon (a small 2-3-1 network on a rounded square) and the `.nnlab`
// document icon, and writes every format the installers need:
//   build/icon.png (1024), build/icons/NxN.png (Linux), build/icon.ico (Windows), build/icon.icns (macOS)
//   build/nnlab.png, build/nnlab.ico, build/nnlab.icns (the file-association icon)
// Run: node build/make-icons.mjs   (outputs are committed; rerun only when the drawing changes)
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PNG } from 'pngjs'

const BUILD_DIR = dirname(fileURLToPath(import.meta.url))

/** Sizes written as separate PNGs for Linux (electron-builder reads build/icons/NxN.png). */
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
/** Sizes inside the .ico; 256 is stored as PNG, the rest as 32-bit BMP (NSIS cannot read PNG entries). */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
/** ICNS element types and their pixel sizes (the set `iconutil` writes). */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024]
]

// ---- shapes, in unit coordinates (0..1, y down) -------------------------------------------

function roundedRect(x0, y0, x1, y1, r) {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false
    const cx = Math.min(Math.max(x, x0 + r), x1 - r)
    const cy = Math.min(Math.max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
  }
}

function circle(cx, cy, r) {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r
}

function segment(ax, ay, bx, by, halfWidth) {
  const dx = bx - ax
  const dy = by - ay
  const lengthSquared = dx * dx + dy * dy
  return (x, y) => {
    const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / lengthSquared))
    const px = ax + t * dx - x
    const py = ay + t * dy - y
    return px * px + py * py <= halfWidth * halfWidth
  }
}

function polygon(points) {
  return (x, y) => {
    let inside = false
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i]
      const [xj, yj] = points[j]
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
    }
    return inside
  }
}

/** Colours are [r, g, b, a] in 0..1, or a function of the point for gradients. */
function layer(inside, color) {
  return { inside, color: typeof color === 'function' ? color : () => color }
}

/** The network glyph: layers of neurons joined by every edge, placed inside a box. */
function networkGlyph(box, { edgeWidth, nodeRadius }) {
  const layerSizes = [2, 3, 1]
  const fills = [
    [0.4, 0.85, 0.95, 1],
    [1, 1, 1, 1],
    [1, 0.62, 0.25, 1]
  ]
  const position = (layerIndex, index, count) => [
    box.x0 + ((layerIndex + 0.5) / layerSizes.length) * (box.x1 - box.x0),
    box.y0 + ((index + 0.5) / count) * (box.y1 - box.y0)
  ]
  const edges = []
  const nodes = []
  layerSizes.forEach((count, l) => {
    for (let i = 0; i < count; i++) {
      const [x, y] = position(l, i, count)
      nodes.push(layer(circle(x, y, nodeRadius), fills[l]))
      if (l + 1 < layerSizes.length) {
        for (let j = 0; j < layerSizes[l + 1]; j++) {
          const [nx, ny] = position(l + 1, j, layerSizes[l + 1])
          edges.push(layer(segment(x, y, nx, ny, edgeWidth / 2), [0.85, 0.92, 1, 0.55]))
        }
      }
    }
  })
  return [...edges, ...nodes]
}

/** The app icon: the glyph on an indigo rounded square with a top-to-bottom gradient. */
export function appIconLayers() {
  const background = layer(roundedRect(0.04, 0.04, 0.96, 0.96, 0.2), (_x, y) => {
    const t = (y - 0.04) / 0.92
    return [0.2 - 0.12 * t, 0.3 - 0.18 * t, 0.72 - 0.34 * t, 1]
  })
  const glyph = networkGlyph(
    { x0: 0.12, y0: 0.14, x1: 0.88, y1: 0.86 },
    {
      edgeWidth: 0.035,
      nodeRadius: 0.075
    }
  )
  return [background, ...glyph]
}

/** The document icon: a white page with a folded corner and the glyph on an indigo band. */
export function documentIconLayers() {
  const page = [
    [0.18, 0.04],
    [0.64, 0.04],
    [0.84, 0.24],
    [0.84, 0.96],
    [0.18, 0.96]
  ]
  const outline = layer(polygon(page), [0.55, 0.6, 0.7, 1])
  const inner = layer(
    polygon([
      [0.2, 0.06],
      [0.63, 0.06],
      [0.82, 0.25],
      [0.82, 0.94],
      [0.2, 0.94]
    ]),
    [0.98, 0.98, 1, 1]
  )
  const fold = layer(
    polygon([
      [0.63, 0.06],
      [0.63, 0.25],
      [0.82, 0.25]
    ]),
    [0.8, 0.84, 0.9, 1]
  )
  const band = layer(roundedRect(0.24, 0.36, 0.78, 0.88, 0.08), [0.16, 0.22, 0.55, 1])
  const glyph = networkGlyph(
    { x0: 0.26, y0: 0.4, x1: 0.76, y1: 0.84 },
    {
      edgeWidth: 0.03,
      nodeRadius: 0.055
    }
  )
  return [outline, inner, fold, band, ...glyph]
}

/** Rasterises layers to RGBA (straight alpha) with n×n supersampling per pixel. */
export function render(layers, size) {
  const samples = size >= 512 ? 2 : size >= 128 ? 3 : 4
  const rgba = Buffer.alloc(size * size * 4)
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0
      let g = 0
      let b = 0
      let a = 0
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size
          const y = (py + (sy + 0.5) / samples) / size
          // Painter's algorithm with premultiplied "over" compositing.
          let sr = 0
          let sg = 0
          let sb = 0
          let sa = 0
          for (const { inside, color } of layers) {
            if (!inside(x, y)) continue
            const [cr, cg, cb, ca] = color(x, y)
            sr = cr * ca + sr * (1 - ca)
            sg = cg * ca + sg * (1 - ca)
            sb = cb * ca + sb * (1 - ca)
            sa = ca + sa * (1 - ca)
          }
          r += sr
          g += sg
          b += sb
          a += sa
        }
      }
      const n = samples * samples
      const offset = (py * size + px) * 4
      const alpha = a / n
      rgba[offset] = alpha > 0 ? Math.round((r / n / alpha) * 255) : 0
      rgba[offset + 1] = alpha > 0 ? Math.round((g / n / alpha) * 255) : 0
      rgba[offset + 2] = alpha > 0 ? Math.round((b / n / alpha) * 255) : 0
      rgba[offset + 3] = Math.round(alpha * 255)
    }
  }
  return rgba
}

export function encodePng(rgba, size) {
  const png = new PNG({ width: size, height: size })
  rgba.copy(png.data)
  return PNG.sync.write(png, { colorType: 6 })
}

/** A 32-bit BMP icon entry: BITMAPINFOHEADER, bottom-up BGRA rows, then the 1-bit AND mask. */
function encodeIcoBitmap(rgba, size) {
  const maskRowBytes = Math.ceil(size / 32) * 4
  const header = Buffer.alloc(40)
  header.writeUInt32LE(40, 0)
  header.writeInt32LE(size, 4)
  header.writeInt32LE(size * 2, 8) // XOR image + AND mask
  header.writeUInt16LE(1, 12)
  header.writeUInt16LE(32, 14)
  header.writeUInt32LE(0, 16) // BI_RGB
  header.writeUInt32LE(size * size * 4 + maskRowBytes * size, 20)
  const pixels = Buffer.alloc(size * size * 4)
  const mask = Buffer.alloc(maskRowBytes * size)
  for (let y = 0; y < size; y++) {
    const row = size - 1 - y
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4
      const to = (row * size + x) * 4
      pixels[to] = rgba[from + 2]
      pixels[to + 1] = rgba[from + 1]
      pixels[to + 2] = rgba[from]
      pixels[to + 3] = rgba[from + 3]
      if (rgba[from + 3] === 0) mask[row * maskRowBytes + (x >> 3)] |= 0x80 >> (x & 7)
    }
  }
  return Buffer.concat([header, pixels, mask])
}

export function encodeIco(images) {
  const header = Buffer.alloc(6 + 16 * images.length)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2) // 1 = icon
  header.writeUInt16LE(images.length, 4)
  const bodies = []
  let offset = header.length
  images.forEach(({ size, rgba }, i) => {
    const body = size >= 256 ? encodePng(rgba, size) : encodeIcoBitmap(rgba, size)
    const entry = 6 + 16 * i
    header.writeUInt8(size >= 256 ? 0 : size, entry) // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1)
    header.writeUInt8(0, entry + 2)
    header.writeUInt8(0, entry + 3)
    header.writeUInt16LE(1, entry + 4)
    header.writeUInt16LE(32, entry + 6)
    header.writeUInt32LE(body.length, entry + 8)
    header.writeUInt32LE(offset, entry + 12)
    offset += body.length
    bodies.push(body)
  })
  return Buffer.concat([header, ...bodies])
}

export function encodeIcns(pngBySize) {
  const chunks = ICNS_TYPES.map(([type, size]) => {
    const png = pngBySize.get(size)
    const head = Buffer.alloc(8)
    head.write(type, 0, 'latin1')
    head.writeUInt32BE(png.length + 8, 4)
    return Buffer.concat([head, png])
  })
  const body = Buffer.concat(chunks)
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'latin1')
  head.writeUInt32BE(body.length + 8, 4)
  return Buffer.concat([head, body])
}

function writeIconSet(layers, baseName, { linuxDir }) {
  const sizes = [...new Set([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map(([, s]) => s)])]
  const rgbaBySize = new Map(sizes.map((size) => [size, render(layers, size)]))
  const pngBySize = new Map(sizes.map((size) => [size, encodePng(rgbaBySize.get(size), size)]))
  writeFileSync(join(BUILD_DIR, `${baseName}.png`), pngBySize.get(1024))
  writeFileSync(
    join(BUILD_DIR, `${baseName}.ico`),
    encodeIco(ICO_SIZES.map((size) => ({ size, rgba: rgbaBySize.get(size) })))
  )
  writeFileSync(join(BUILD_DIR, `${baseName}.icns`), encodeIcns(pngBySize))
  if (linuxDir) {
    mkdirSync(join(BUILD_DIR, linuxDir), { recursive: true })
    for (const size of LINUX_SIZES) {
      writeFileSync(join(BUILD_DIR, linuxDir, `${size}x${size}.png`), pngBySize.get(size))
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeIconSet(appIconLayers(), 'icon', { linuxDir: 'icons' })
  writeIconSet(documentIconLayers(), 'nnlab', { linuxDir: null })
  console.log('icons written to build/')
}
