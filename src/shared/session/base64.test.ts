import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBase64, encodeBase64 } from './base64'
import { base64ToFloat64, base64ToInt32, float64ToBase64, int32ToBase64 } from './binaryArrays'

describe('base64', () => {
  it('encodes exactly as Node’s Buffer does, and decodes back (2,000 random byte arrays)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = encodeBase64(bytes)
        expect(text).toBe(Buffer.from(bytes).toString('base64'))
        expect(decodeBase64(text)).toEqual(bytes)
      }),
      { numRuns: 2000, seed: 7 }
    )
  })

  it('rejects anything that is not canonical padded base64', () => {
    for (const bad of [
      'A',
      'AB',
      'ABC',
      'AB=A',
      'A===',
      '@@@@',
      'AB C',
      'ABCD=',
      'AB==AAAA',
      'AR==',
      'AAB=',
      'é123'
    ]) {
      expect(decodeBase64(bad), bad).toBeNull()
    }
    expect(decodeBase64('')).toEqual(new Uint8Array(0))
    expect(decodeBase64('AA==')).toEqual(Uint8Array.of(0))
    expect(decodeBase64('AAE=')).toEqual(Uint8Array.of(0, 1))
  })

  it('round-trips float64 and int32 arrays bit for bit, little-endian', () => {
    fc.assert(
      fc.property(fc.float64Array({ maxLength: 50 }), fc.int32Array({ maxLength: 50 }), (f, i) => {
        const floats = base64ToFloat64(float64ToBase64(f))
        expect(floats && Buffer.from(floats.buffer).equals(Buffer.from(f.buffer))).toBe(true)
        expect(base64ToInt32(int32ToBase64(i))).toEqual(i)
      }),
      { numRuns: 500, seed: 7 }
    )
    expect(float64ToBase64(Float64Array.of(1))).toBe(
      Buffer.from([0, 0, 0, 0, 0, 0, 0xf0, 0x3f]).toString('base64')
    )
    expect(base64ToFloat64('AAAA')).toBeNull() // 3 bytes is not a whole float64
  })
})
