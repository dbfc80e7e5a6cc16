// Float64 and Int32 arrays as base64 of their little-endian bytes. This keeps every bit of every
// number (including -0 and values JSON cannot spell), is ~2× smaller than decimal text, and
// decodes fast. DataView pins the byte order, so files are the same on any machine.
import { decodeBase64, decodedLength, encodeBase64 } from './base64'

export function float64ToBase64(values: Float64Array): string {
  const bytes = new Uint8Array(values.length * 8)
  const view = new DataView(bytes.buffer)
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true)
  return encodeBase64(bytes)
}

export function int32ToBase64(values: Int32Array): string {
  const bytes = new Uint8Array(values.length * 4)
  const view = new DataView(bytes.buffer)
  for (let i = 0; i < values.length; i++) view.setInt32(i * 4, values[i], true)
  return encodeBase64(bytes)
}

/** The element count a base64 string would decode to, without decoding it (cheap size checks). */
export function base64ElementCount(text: string, bytesPerElement: number): number | null {
  const bytes = decodedLength(text)
  if (bytes === null || bytes % bytesPerElement !== 0) return null
  return bytes / bytesPerElement
}

/** null when the text is not valid base64 or not a whole number of float64 values. */
export function base64ToFloat64(text: string): Float64Array | null {
  const bytes = decodeBase64(text)
  if (bytes === null || bytes.length % 8 !== 0) return null
  const view = new DataView(bytes.buffer)
  const out = new Float64Array(bytes.length / 8)
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true)
  return out
}

export function base64ToInt32(text: string): Int32Array | null {
  const bytes = decodeBase64(text)
  if (bytes === null || bytes.length % 4 !== 0) return null
  const view = new DataView(bytes.buffer)
  const out = new Int32Array(bytes.length / 4)
  for (let i = 0; i < out.length; i++) out[i] = view.getInt32(i * 4, true)
  return out
}
