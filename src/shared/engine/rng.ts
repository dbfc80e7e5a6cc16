// NumPy's legacy RandomState (MT19937), reproduced draw for draw so that the notebook's
// `np.random.seed(42)` followed by its calls gives the same numbers here.
// References: numpy/random/src/mt19937/mt19937.c (seeding, genrand), numpy/random/src/legacy/
// legacy-distributions.c (legacy_gauss), numpy/random/src/distributions/distributions.c
// (random_interval) and numpy/random/mtrand.pyx (shuffle, permutation).
import { MAX_SEED } from './limits'
import type { RngState } from './types'

const N = 624
const M = 397
const MATRIX_A = 0x9908b0df
const UPPER_MASK = 0x80000000
const LOWER_MASK = 0x7fffffff

export class RandomState {
  private readonly key = new Uint32Array(N)
  private pos = N
  private hasGauss = false
  private gauss = 0

  /** Same as `np.random.seed(seed)` for an integer seed 0 ≤ seed < 2³² (NumPy's mt19937_seed). */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
      throw new RangeError(`Seed must be a whole number between 0 and ${MAX_SEED}.`)
    }
    let s = seed >>> 0
    for (let i = 0; i < N; i++) {
      this.key[i] = s
      // Math.imul keeps the 32-bit wrap-around multiply exact (a plain * would lose bits).
      s = (Math.imul(1812433253, (s ^ (s >>> 30)) >>> 0) + i + 1) >>> 0
    }
    this.pos = N
  }

  /** Refill the 624-word state (mt19937_gen). */
  private generate(): void {
    const mt = this.key
    let y: number
    let i = 0
    for (; i < N - M; i++) {
      y = (mt[i] & UPPER_MASK) | (mt[i + 1] & LOWER_MASK)
      mt[i] = mt[i + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A)
    }
    for (; i < N - 1; i++) {
      y = (mt[i] & UPPER_MASK) | (mt[i + 1] & LOWER_MASK)
      mt[i] = mt[i + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A)
    }
    y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK)
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A)
    this.pos = 0
  }

  /** genrand_int32: the next raw 32-bit word, tempered. */
  randomUint32(): number {
    if (this.pos >= N) this.generate()
    let y = this.key[this.pos++]
    y ^= y >>> 11
    y ^= (y << 7) & 0x9d2c5680
    y ^= (y << 15) & 0xefc60000
    y ^= y >>> 18
    return y >>> 0
  }

  /** random_sample: a 53-bit double in [0, 1) built from two words, as NumPy does. */
  random(): number {
    const a = this.randomUint32() >>> 5
    const b = this.randomUint32() >>> 6
    return (a * 67108864.0 + b) / 9007199254740992.0
  }

  /** `uniform(low, high, size)`: low + (high − low)·u, the subtraction done once as NumPy does. */
  uniform(low: number, high: number, size: number): Float64Array {
    const out = new Float64Array(size)
    const range = high - low
    for (let i = 0; i < size; i++) out[i] = low + range * this.random()
    return out
  }

  /** One legacy_gauss draw: Marsaglia's polar method, keeping the second value for next time. */
  gaussian(): number {
    if (this.hasGauss) {
      const cached = this.gauss
      this.hasGauss = false
      this.gauss = 0
      return cached
    }
    let x1: number
    let x2: number
    let r2: number
    do {
      x1 = 2.0 * this.random() - 1.0
      x2 = 2.0 * this.random() - 1.0
      r2 = x1 * x1 + x2 * x2
    } while (r2 >= 1.0 || r2 === 0.0)
    const f = Math.sqrt((-2.0 * Math.log(r2)) / r2)
    this.gauss = f * x1
    this.hasGauss = true
    return f * x2
  }

  /** `randn(size)`: standard normal draws. */
  randn(size: number): Float64Array {
    const out = new Float64Array(size)
    for (let i = 0; i < size; i++) out[i] = this.gaussian()
    return out
  }

  /** random_interval(max): uniform integer in [0, max] by masked rejection (max < 2³²). */
  interval(max: number): number {
    if (max === 0) return 0
    let mask = max
    mask |= mask >>> 1
    mask |= mask >>> 2
    mask |= mask >>> 4
    mask |= mask >>> 8
    mask |= mask >>> 16
    mask >>>= 0
    let value: number
    do {
      value = (this.randomUint32() & mask) >>> 0
    } while (value > max)
    return value
  }

  /** `permutation(n)`: arange(n) shuffled by the legacy Fisher–Yates from the end. */
  permutation(n: number): Int32Array {
    const out = new Int32Array(n)
    for (let i = 0; i < n; i++) out[i] = i
    for (let i = n - 1; i > 0; i--) {
      const j = this.interval(i)
      const t = out[i]
      out[i] = out[j]
      out[j] = t
    }
    return out
  }

  /** Exactly what `np.random.get_state()` holds (a copy). */
  getState(): RngState {
    return { key: this.key.slice(), pos: this.pos, hasGauss: this.hasGauss, gauss: this.gauss }
  }

  setState(state: RngState): void {
    if (state.key.length !== N || state.pos < 0 || state.pos > N) {
      throw new RangeError('Random state must hold 624 key words and a position from 0 to 624.')
    }
    this.key.set(state.key)
    this.pos = state.pos
    this.hasGauss = state.hasGauss
    this.gauss = state.gauss
  }

  static fromState(state: RngState): RandomState {
    const rng = new RandomState(0)
    rng.setState(state)
    return rng
  }
}
