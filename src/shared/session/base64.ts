// Base64 (RFC 4648, standard alphabet, with padding) for the binary arrays inside a session file.
// Written here rather than using Buffer or atob/btoa: the session code runs unchanged in Node, the
// Electron renderer and a browser Web Worker, and a strict decoder lets us reject any corruption
// (a stray character, a wrong length) instead of silently decoding garbage.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

const DECODE = new Int16Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i

const ENCODE = new Uint8Array(64)
for (let i = 0; i < 64; i++) ENCODE[i] = ALPHABET.charCodeAt(i)
const ASCII = new TextDecoder()

export function encodeBase64(bytes: Uint8Array): string {
  // Characters are written as ASCII bytes and decoded in one go: far faster than growing a string
  // four characters at a time, which matters for sessions with many points.
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4)
  let o = 0
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2]
    out[o++] = ENCODE[n >>> 18]
    out[o++] = ENCODE[(n >>> 12) & 63]
    out[o++] = ENCODE[(n >>> 6) & 63]
    out[o++] = ENCODE[n & 63]
  }
  const rest = bytes.length - i
  if (rest > 0) {
    const n = (bytes[i] << 16) | (rest === 2 ? bytes[i + 1] << 8 : 0)
    out[o++] = ENCODE[n >>> 18]
    out[o++] = ENCODE[(n >>> 12) & 63]
    out[o++] = rest === 2 ? ENCODE[(n >>> 6) & 63] : 61 // '='
    out[o++] = 61
  }
  return ASCII.decode(out)
}

/** The number of bytes a well-formed base64 string of this length and padding decodes to. */
export function decodedLength(text: string): number | null {
  if (text.length % 4 !== 0) return null
  let padding = 0
  if (text.endsWith('==')) padding = 2
  else if (text.endsWith('=')) padding = 1
  return (text.length / 4) * 3 - padding
}

/** Strict decode: null for anything that is not canonical padded base64. */
export function decodeBase64(text: string): Uint8Array | null {
  const length = decodedLength(text)
  if (length === null) return null
  const out = new Uint8Array(length)
  let o = 0
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length
    const a = sextet(text, i)
    const b = sextet(text, i + 1)
    if (a < 0 || b < 0) return null
    const cPad = last && text.charCodeAt(i + 2) === 61 // '='
    const dPad = last && text.charCodeAt(i + 3) === 61
    const c = cPad ? 0 : sextet(text, i + 2)
    const d = dPad ? 0 : sextet(text, i + 3)
    if (c < 0 || d < 0 || (cPad && !dPad)) return null
    const n = (a << 18) | (b << 12) | (c << 6) | d
    out[o++] = n >>> 16
    if (!cPad) out[o++] = (n >>> 8) & 255
    else if ((n & 0xffff) !== 0) return null // non-canonical: leftover bits must be zero
    if (!dPad) out[o++] = n & 255
    else if (!cPad && (n & 0xff) !== 0) return null
  }
  return out
}

function sextet(text: string, index: number): number {
  const code = text.charCodeAt(index)
  return code < 128 ? DECODE[code] : -1
}
