// AssemblyScript source of the engine's WebAssembly SIMD kernels (compiled by build-kernels.mjs
// into kernelsWasm.ts). Every routine computes exactly what the TypeScript loops in layerKernels.ts
// compute, element for element: SIMD runs two output elements side by side (f64x2 lanes), and
// each element's sum still runs over its terms in the same order, starting from 0, so results
// are bit-identical to the scalar path. No fused multiply-add (it would round differently).
// Pointers are byte offsets into the imported memory; matrices are row-major float64.

// Flags for dense(): what to do with each finished sum.
const ADD_BIAS = 1 // z = Σ + b
const ACTIVATE = 2 // also act = z > 0 ? z : slope·z (slope 0: ReLU)
const GATE = 4 // out = Σ · (gate > 0 ? 1 : slope): backprop through a (leaky) ReLU
const SIGMOID = 8 // also act = 1 / (1 + e^−z), z clipped to ±500 (the sigmoid head; J = 1 only)

// ---- e^x as V8's Math.exp computes it ----------------------------------------------------------
// fdlibm's algorithm (which V8 uses for Math.exp): x = k·ln2 + r with |r| ≤ ln2/2 (r kept as
// hi − lo), e^r from a degree-5 rational approximation, then scaled by 2^k. Written out step for
// step so the WebAssembly sigmoid equals the TypeScript one bit for bit (kernels.test.ts compares
// them on a million arguments).
const LN2_HI: f64 = 6.93147180369123816490e-01 // 0x3FE62E42FEE00000
const LN2_LO: f64 = 1.90821492927058770002e-10 // 0x3DEA39EF35793C76
const INV_LN2: f64 = 1.44269504088896338700e+00
const EXP_P1: f64 = 1.66666666666666019037e-01
const EXP_P2: f64 = -2.77777777770155933842e-03
const EXP_P3: f64 = 6.61375632143793436117e-05
const EXP_P4: f64 = -1.65339022054652515390e-06
const EXP_P5: f64 = 4.13813679705723846039e-08

export function exp(x: f64): f64 {
  const bits = reinterpret<u64>(x)
  const sign = <i32>(bits >> 63)
  const high = <u32>(bits >> 32) & 0x7fffffff
  let hi: f64 = 0
  let lo: f64 = 0
  let k: i32 = 0
  if (high >= 0x40862e42) {
    // |x| ≥ 709.78…: NaN, ±∞, overflow, underflow
    if (high >= 0x7ff00000) {
      if (((high & 0xfffff) | <u32>bits) != 0) return x + x
      return sign == 0 ? x : 0
    }
    if (x > 7.09782712893383973096e+02) return Infinity
    if (x < -7.45133219101941108420e+02) return 0
  }
  if (high > 0x3fd62e42) {
    if (high < 0x3ff0a2b2) {
      // ln2/2 < |x| < 1.5·ln2: k = ±1
      if (x == 1.0) return 2.718281828459045
      hi = sign == 0 ? x - LN2_HI : x + LN2_HI
      lo = sign == 0 ? LN2_LO : -LN2_LO
      k = 1 - sign - sign
    } else {
      k = <i32>(INV_LN2 * x + (sign == 0 ? 0.5 : -0.5)) // truncated, as C's cast
      const t = <f64>k
      hi = x - t * LN2_HI
      lo = t * LN2_LO
    }
    x = hi - lo
  } else if (high < 0x3e300000) {
    return 1 + x // |x| < 2^−28
  }
  const t = x * x
  const c = x - t * (EXP_P1 + t * (EXP_P2 + t * (EXP_P3 + t * (EXP_P4 + t * EXP_P5))))
  if (k == 0) return 1 - ((x * c) / (c - 2.0) - x)
  const y = 1 - ((lo - (x * c) / (2.0 - c)) - hi)
  if (k >= -1021) {
    if (k == 1024) return y * 2.0 * 8.988465674311579539e307
    return y * reinterpret<f64>(<u64>(<u32>(0x3ff00000 + (k << 20))) << 32)
  }
  return y * reinterpret<f64>(<u64>(<u32>(0x3ff00000 + ((k + 1000) << 20))) << 32) * 9.33263618503218878990e-302
}

// ---- ln x as fdlibm computes it -----------------------------------------------------------------
// x = 2^k·(1 + f) with √2/2 < 1 + f < √2; ln(1 + f) = 2s + 2s·R(s²) with s = f/(2 + f) and R a
// degree-7 polynomial; ln x = k·ln2 + ln(1 + f), with ln2 split in hi + lo.
const LG1: f64 = 6.666666666666735130e-01
const LG2: f64 = 3.999999999940941908e-01
const LG3: f64 = 2.857142874366239149e-01
const LG4: f64 = 2.222219843214978396e-01
const LG5: f64 = 1.818357216161805012e-01
const LG6: f64 = 1.531383769920937332e-01
const LG7: f64 = 1.479819860511658591e-01
const TWO54: f64 = 1.80143985094819840000e+16

export function log(x: f64): f64 {
  let bits = reinterpret<u64>(x)
  let hx = <i32>(bits >> 32)
  const lx = <u32>bits
  let k: i32 = 0
  if (hx < 0x00100000) {
    // x < 2^−1022: zero, negative or subnormal
    if (((hx & 0x7fffffff) | lx) == 0) return -Infinity
    if (hx < 0) return NaN
    k -= 54
    x *= TWO54
    bits = reinterpret<u64>(x)
    hx = <i32>(bits >> 32)
  }
  if (hx >= 0x7ff00000) return x + x
  k += (hx >> 20) - 1023
  hx &= 0x000fffff
  const i = (hx + 0x95f64) & 0x100000
  // x, or x/2, scaled into [√2/2, √2)
  x = reinterpret<f64>((<u64><u32>(hx | (i ^ 0x3ff00000)) << 32) | (bits & 0xffffffff))
  k += i >> 20
  const f = x - 1.0
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^−20
    if (f == 0) {
      if (k == 0) return 0
      const dk = <f64>k
      return dk * LN2_HI + dk * LN2_LO
    }
    const R = f * f * (0.5 - 0.33333333333333333 * f)
    if (k == 0) return f - R
    const dk = <f64>k
    return dk * LN2_HI - ((R - dk * LN2_LO) - f)
  }
  const s = f / (2.0 + f)
  const dk = <f64>k
  const z = s * s
  const w = z * z
  const t1 = w * (LG2 + w * (LG4 + w * LG6))
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)))
  const R = t2 + t1
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f
    if (k == 0) return f - (hfsq - s * (hfsq + R))
    return dk * LN2_HI - ((hfsq - (s * (hfsq + R) + dk * LN2_LO)) - f)
  }
  if (k == 0) return f - s * (f - R)
  return dk * LN2_HI - ((s * (f - R) - dk * LN2_LO) - f)
}

// The sigmoid head after the forward pass (losses.binaryStep, element for element): the loss
// terms y·ln(p + ε) or (1 − y)·ln(1 − p + ε) into `terms` (the caller sums them as np.mean
// does), delta = p − y, and the number of rows classified right (p > 0.5 ⇔ class 1).
const BCE_EPSILON: f64 = 1e-8

export function binaryHead(p: usize, labels: usize, count: i32, terms: usize, delta: usize): i32 {
  let correct = 0
  for (let i = 0; i < count; i++) {
    const o = <usize>i << 3
    const pi = load<f64>(p + o)
    const y = load<i32>(labels + (<usize>i << 2))
    if (y == 1) {
      store<f64>(terms + o, log(pi + BCE_EPSILON))
      if (pi > 0.5) correct++
    } else {
      store<f64>(terms + o, log(1 - pi + BCE_EPSILON))
      if (!(pi > 0.5) && y == 0) correct++
    }
    store<f64>(delta + o, pi - <f64>y)
  }
  return correct
}

// activations.sigmoid: 1 / (1 + e^−z) with z clipped to ±500.
@inline
function sigmoid(z: f64): f64 {
  const c = z < -500 ? -500 : z > 500 ? 500 : z
  return 1 / (1 + exp(-c))
}

// sigmoid() of two lanes at once, each lane computed by exactly the operations exp() performs for
// it: the clipped arguments (|x| ≤ 500) take either the k = 0 branch or the general reduction
// (which for ln2/2 < |x| < 1.5·ln2 gives the same k = ±1, hi and lo as exp's special case). The
// few arguments exp() treats apart (NaN, x = 1, |x| < 2^−28) go through the scalar code.
const HALF_LN2_BITS: u64 = 0x3fd62e4300000000 // the smallest |x| with k ≠ 0
const TINY: f64 = 3.725290298461914e-9 // 2^−28
@inline
function sigmoid2(z: v128): v128 {
  const clipLo = f64x2.lt(z, f64x2.splat(-500))
  const clipHi = f64x2.gt(z, f64x2.splat(500))
  const c = v128.bitselect(f64x2.splat(-500), v128.bitselect(f64x2.splat(500), z, clipHi), clipLo)
  const x = f64x2.neg(c)
  const ax = f64x2.abs(x)
  const special = v128.or(v128.or(f64x2.ne(x, x), f64x2.eq(x, f64x2.splat(1))), f64x2.lt(ax, f64x2.splat(TINY)))
  if (v128.any_true(special)) {
    return f64x2.replace_lane(f64x2.splat(sigmoid(f64x2.extract_lane(z, 0))), 1, sigmoid(f64x2.extract_lane(z, 1)))
  }
  const one = f64x2.splat(1)
  const two = f64x2.splat(2)
  // k = 0: 1 − ((x·c)/(c − 2) − x)
  let t = f64x2.mul(x, x)
  let c0 = f64x2.sub(x, f64x2.mul(t, expPoly(t)))
  const small = f64x2.sub(one, f64x2.sub(f64x2.div(f64x2.mul(x, c0), f64x2.sub(c0, two)), x))
  // general: k = trunc(x/ln2 ± 1/2), x = hi − lo, y = 1 − ((lo − (x·c)/(2 − c)) − hi), y·2^k
  const half = v128.bitselect(f64x2.splat(-0.5), f64x2.splat(0.5), f64x2.lt(x, f64x2.splat(0)))
  const k32 = i32x4.trunc_sat_f64x2_s_zero(f64x2.add(f64x2.mul(f64x2.splat(INV_LN2), x), half))
  const kf = f64x2.convert_low_i32x4_s(k32)
  const hi = f64x2.sub(x, f64x2.mul(kf, f64x2.splat(LN2_HI)))
  const lo = f64x2.mul(kf, f64x2.splat(LN2_LO))
  const r = f64x2.sub(hi, lo)
  t = f64x2.mul(r, r)
  const cr = f64x2.sub(r, f64x2.mul(t, expPoly(t)))
  const y = f64x2.sub(one, f64x2.sub(f64x2.sub(lo, f64x2.div(f64x2.mul(r, cr), f64x2.sub(two, cr))), hi))
  const scale = i64x2.shl(i64x2.add(i64x2.extend_low_i32x4_s(k32), i64x2.splat(1023)), 52)
  const big = f64x2.mul(y, scale)
  const e = v128.bitselect(small, big, f64x2.lt(ax, f64x2.splat(reinterpret<f64>(HALF_LN2_BITS))))
  return f64x2.div(one, f64x2.add(one, e))
}

// P1 + t·(P2 + t·(P3 + t·(P4 + t·P5))), as exp() evaluates it.
@inline
function expPoly(t: v128): v128 {
  let p = f64x2.add(f64x2.splat(EXP_P4), f64x2.mul(t, f64x2.splat(EXP_P5)))
  p = f64x2.add(f64x2.splat(EXP_P3), f64x2.mul(t, p))
  p = f64x2.add(f64x2.splat(EXP_P2), f64x2.mul(t, p))
  return f64x2.add(f64x2.splat(EXP_P1), f64x2.mul(t, p))
}

// Finishes two lanes of output: bias, gate, store, activation. Same operations, same order as
// the TypeScript loops: (0 + Σ_k …) + b, then the activation or the derivative factor.
@inline
function finish(acc: v128, b: usize, gate: usize, out: usize, act: usize, off: usize, flags: i32, slope: f64): void {
  const zero = f64x2.splat(0)
  if (flags & ADD_BIAS) acc = f64x2.add(acc, v128.load(b + off))
  if (flags & GATE) {
    const factor = v128.bitselect(f64x2.splat(1), f64x2.splat(slope), f64x2.gt(v128.load(gate + off), zero))
    acc = f64x2.mul(acc, factor)
  }
  v128.store(out + off, acc)
  if (flags & ACTIVATE) {
    const neg = slope == 0 ? zero : f64x2.mul(f64x2.splat(slope), acc)
    v128.store(act + off, v128.bitselect(acc, neg, f64x2.gt(acc, zero)))
  }
}

@inline
function finishScalar(s: f64, b: usize, gate: usize, out: usize, act: usize, off: usize, flags: i32, slope: f64): void {
  if (flags & ADD_BIAS) s += load<f64>(b + off)
  if (flags & GATE) s = s * (load<f64>(gate + off) > 0 ? 1 : slope)
  store<f64>(out + off, s)
  if (flags & ACTIVATE) store<f64>(act + off, s > 0 ? s : slope == 0 ? 0 : slope * s)
  if (flags & SIGMOID) store<f64>(act + off, sigmoid(s))
}

// out(count×J) = inp(count×K) @ w(K×J), each element 0 + Σ_k in k order, then finished by
// `flags` (bias, activation into act, or a ReLU gate read from gate(count×J)). Two rows at a
// time share each load of w; eight output columns at a time stay in registers.
export function dense(inp: usize, w: usize, b: usize, out: usize, act: usize, gate: usize, count: i32, K: i32, J: i32, flags: i32, slope: f64): void {
  if (J == 1) {
    denseColumn(inp, w, b, out, act, gate, count, K, flags, slope)
    return
  }
  // One copy of the loops per flag combination the engine uses, with the flags (and a zero
  // slope) as constants, so the finishing code has no branches left in it.
  if (flags == (ADD_BIAS | ACTIVATE) && slope == 0) denseRows(inp, w, b, out, act, gate, count, K, J, ADD_BIAS | ACTIVATE, 0)
  else if (flags == GATE && slope == 0) denseRows(inp, w, b, out, act, gate, count, K, J, GATE, 0)
  else if (flags == ADD_BIAS) denseRows(inp, w, b, out, act, gate, count, K, J, ADD_BIAS, slope)
  else denseRows(inp, w, b, out, act, gate, count, K, J, flags, slope)
}

@inline
function denseRows(inp: usize, w: usize, b: usize, out: usize, act: usize, gate: usize, count: i32, K: i32, J: i32, flags: i32, slope: f64): void {
  const rowIn = <usize>K << 3
  const rowOut = <usize>J << 3
  const zero = f64x2.splat(0)
  let n = 0
  for (; n + 2 <= count; n += 2) {
    const ip = inp + <usize>n * rowIn
    const rOff = <usize>n * rowOut
    let j = 0
    for (; j + 8 <= J; j += 8) {
      let a0 = zero, a1 = zero, a2 = zero, a3 = zero
      let c0 = zero, c1 = zero, c2 = zero, c3 = zero
      let wp = w + (<usize>j << 3)
      for (let k = 0; k < K; k++) {
        const kOff = <usize>k << 3
        const x0 = f64x2.splat(load<f64>(ip + kOff))
        const x1 = f64x2.splat(load<f64>(ip + rowIn + kOff))
        const w0 = v128.load(wp)
        const w1 = v128.load(wp, 16)
        const w2 = v128.load(wp, 32)
        const w3 = v128.load(wp, 48)
        a0 = f64x2.add(a0, f64x2.mul(x0, w0))
        a1 = f64x2.add(a1, f64x2.mul(x0, w1))
        a2 = f64x2.add(a2, f64x2.mul(x0, w2))
        a3 = f64x2.add(a3, f64x2.mul(x0, w3))
        c0 = f64x2.add(c0, f64x2.mul(x1, w0))
        c1 = f64x2.add(c1, f64x2.mul(x1, w1))
        c2 = f64x2.add(c2, f64x2.mul(x1, w2))
        c3 = f64x2.add(c3, f64x2.mul(x1, w3))
        wp += rowOut
      }
      const o0 = rOff + (<usize>j << 3)
      const o1 = o0 + rowOut
      const bj = <usize>j << 3
      finish(a0, b + bj, gate + o0, out + o0, act + o0, 0, flags, slope)
      finish(a1, b + bj, gate + o0, out + o0, act + o0, 16, flags, slope)
      finish(a2, b + bj, gate + o0, out + o0, act + o0, 32, flags, slope)
      finish(a3, b + bj, gate + o0, out + o0, act + o0, 48, flags, slope)
      finish(c0, b + bj, gate + o1, out + o1, act + o1, 0, flags, slope)
      finish(c1, b + bj, gate + o1, out + o1, act + o1, 16, flags, slope)
      finish(c2, b + bj, gate + o1, out + o1, act + o1, 32, flags, slope)
      finish(c3, b + bj, gate + o1, out + o1, act + o1, 48, flags, slope)
    }
    for (; j + 2 <= J; j += 2) {
      let a0 = zero
      let c0 = zero
      let wp = w + (<usize>j << 3)
      for (let k = 0; k < K; k++) {
        const kOff = <usize>k << 3
        const w0 = v128.load(wp)
        a0 = f64x2.add(a0, f64x2.mul(f64x2.splat(load<f64>(ip + kOff)), w0))
        c0 = f64x2.add(c0, f64x2.mul(f64x2.splat(load<f64>(ip + rowIn + kOff)), w0))
        wp += rowOut
      }
      const o0 = rOff + (<usize>j << 3)
      const o1 = o0 + rowOut
      const bj = <usize>j << 3
      finish(a0, b + bj, gate + o0, out + o0, act + o0, 0, flags, slope)
      finish(c0, b + bj, gate + o1, out + o1, act + o1, 0, flags, slope)
    }
    for (; j < J; j++) {
      // A single column (the sigmoid output): the two rows' sums run in the two lanes.
      let acc = zero
      let wp = w + (<usize>j << 3)
      for (let k = 0; k < K; k++) {
        const kOff = <usize>k << 3
        const xv = f64x2.replace_lane(f64x2.splat(load<f64>(ip + kOff)), 1, load<f64>(ip + rowIn + kOff))
        acc = f64x2.add(acc, f64x2.mul(xv, f64x2.splat(load<f64>(wp))))
        wp += rowOut
      }
      const o0 = rOff + (<usize>j << 3)
      const bj = <usize>j << 3
      finishScalar(f64x2.extract_lane(acc, 0), b + bj, gate + o0, out + o0, act + o0, 0, flags, slope)
      finishScalar(f64x2.extract_lane(acc, 1), b + bj, gate + o0 + rowOut, out + o0 + rowOut, act + o0 + rowOut, 0, flags, slope)
    }
  }
  for (; n < count; n++) {
    const ip = inp + <usize>n * rowIn
    const rOff = <usize>n * rowOut
    let j = 0
    for (; j + 2 <= J; j += 2) {
      let a0 = zero
      let wp = w + (<usize>j << 3)
      for (let k = 0; k < K; k++) {
        a0 = f64x2.add(a0, f64x2.mul(f64x2.splat(load<f64>(ip + (<usize>k << 3))), v128.load(wp)))
        wp += rowOut
      }
      const o0 = rOff + (<usize>j << 3)
      finish(a0, b + (<usize>j << 3), gate + o0, out + o0, act + o0, 0, flags, slope)
    }
    for (; j < J; j++) {
      let s: f64 = 0
      let wp = w + (<usize>j << 3)
      for (let k = 0; k < K; k++) {
        s += load<f64>(ip + (<usize>k << 3)) * load<f64>(wp)
        wp += rowOut
      }
      const o0 = rOff + (<usize>j << 3)
      finishScalar(s, b + (<usize>j << 3), gate + o0, out + o0, act + o0, 0, flags, slope)
    }
  }
}

// dense() for a single output column (J = 1: the sigmoid head). A row's sum is a chain of K
// dependent adds, so eight rows run at once in four vectors (two rows per vector, one per lane),
// each still 0 + Σ_k in k order and then finished as above.
function denseColumn(inp: usize, w: usize, b: usize, out: usize, act: usize, gate: usize, count: i32, K: i32, flags: i32, slope: f64): void {
  const rowIn = <usize>K << 3
  const zero = f64x2.splat(0)
  const bias = f64x2.splat((flags & ADD_BIAS) ? load<f64>(b) : 0)
  let n = 0
  for (; n + 8 <= count; n += 8) {
    let s0 = zero, s1 = zero, s2 = zero, s3 = zero
    const ip = inp + <usize>n * rowIn
    for (let k = 0; k < K; k++) {
      const wk = f64x2.splat(load<f64>(w + (<usize>k << 3)))
      const p = ip + (<usize>k << 3)
      s0 = f64x2.add(s0, f64x2.mul(f64x2.replace_lane(f64x2.splat(load<f64>(p)), 1, load<f64>(p + rowIn)), wk))
      s1 = f64x2.add(s1, f64x2.mul(f64x2.replace_lane(f64x2.splat(load<f64>(p + 2 * rowIn)), 1, load<f64>(p + 3 * rowIn)), wk))
      s2 = f64x2.add(s2, f64x2.mul(f64x2.replace_lane(f64x2.splat(load<f64>(p + 4 * rowIn)), 1, load<f64>(p + 5 * rowIn)), wk))
      s3 = f64x2.add(s3, f64x2.mul(f64x2.replace_lane(f64x2.splat(load<f64>(p + 6 * rowIn)), 1, load<f64>(p + 7 * rowIn)), wk))
    }
    const o = <usize>n << 3
    finishColumn(s0, bias, gate, out, act, o, flags, slope)
    finishColumn(s1, bias, gate, out, act, o + 16, flags, slope)
    finishColumn(s2, bias, gate, out, act, o + 32, flags, slope)
    finishColumn(s3, bias, gate, out, act, o + 48, flags, slope)
  }
  for (; n + 2 <= count; n += 2) {
    let s0 = zero
    const ip = inp + <usize>n * rowIn
    for (let k = 0; k < K; k++) {
      const p = ip + (<usize>k << 3)
      const x = f64x2.replace_lane(f64x2.splat(load<f64>(p)), 1, load<f64>(p + rowIn))
      s0 = f64x2.add(s0, f64x2.mul(x, f64x2.splat(load<f64>(w + (<usize>k << 3)))))
    }
    finishColumn(s0, bias, gate, out, act, <usize>n << 3, flags, slope)
  }
  for (; n < count; n++) {
    let s: f64 = 0
    const ip = inp + <usize>n * rowIn
    for (let k = 0; k < K; k++) s += load<f64>(ip + (<usize>k << 3)) * load<f64>(w + (<usize>k << 3))
    const o = <usize>n << 3
    finishScalar(s, b, gate + o, out + o, act + o, 0, flags, slope)
  }
}

// finish() for two consecutive rows of a single column: the same bias (both lanes), gate, store
// and activation.
@inline
function finishColumn(acc: v128, bias: v128, gate: usize, out: usize, act: usize, off: usize, flags: i32, slope: f64): void {
  const zero = f64x2.splat(0)
  if (flags & ADD_BIAS) acc = f64x2.add(acc, bias)
  if (flags & GATE) {
    const factor = v128.bitselect(f64x2.splat(1), f64x2.splat(slope), f64x2.gt(v128.load(gate + off), zero))
    acc = f64x2.mul(acc, factor)
  }
  v128.store(out + off, acc)
  if (flags & ACTIVATE) {
    const neg = slope == 0 ? zero : f64x2.mul(f64x2.splat(slope), acc)
    v128.store(act + off, v128.bitselect(acc, neg, f64x2.gt(acc, zero)))
  }
  if (flags & SIGMOID) v128.store(act + off, sigmoid2(acc))
}

// gw(K×J) = (inp(count×K)ᵀ @ delta(count×J)) / count: per element 0 + Σ_n in order, then / count.
// Only gw rows k0 ≤ k < k1 are written (threads split the rows; each row's sums are the same
// whoever computes them). Rows are taken four at a time so each gw block is loaded and stored
// once per four rows.
export function denseGrad(inp: usize, delta: usize, gw: usize, count: i32, K: i32, J: i32, k0: i32, k1: i32): void {
  if (J == 1) {
    denseGradColumn(inp, delta, gw, count, K, k0, k1)
    return
  }
  if (J >= 8 && J <= 16) {
    // Narrow layers (the seed network's): ~1.3× faster blocked in registers; from 32 columns
    // on, the four-row loop below is as fast or faster (measured with bench-style A/B runs).
    denseGradBlocked(inp, delta, gw, count, K, J, k0, k1)
    return
  }
  const rowIn = <usize>K << 3
  const rowD = <usize>J << 3
  const first = <usize>k0 * <usize>J
  const size = <usize>k1 * <usize>J
  memory.fill(gw + (first << 3), 0, (size - first) << 3)
  let n = 0
  for (; n + 4 <= count; n += 4) {
    const ip = inp + <usize>n * rowIn
    const dp = delta + <usize>n * rowD
    let k = k0
    // Two rows of gw at a time share each load of the four delta rows.
    for (; k + 2 <= k1; k += 2) {
      const kOff = <usize>k << 3
      const x0 = f64x2.splat(load<f64>(ip + kOff))
      const x1 = f64x2.splat(load<f64>(ip + rowIn + kOff))
      const x2 = f64x2.splat(load<f64>(ip + 2 * rowIn + kOff))
      const x3 = f64x2.splat(load<f64>(ip + 3 * rowIn + kOff))
      const y0 = f64x2.splat(load<f64>(ip + kOff + 8))
      const y1 = f64x2.splat(load<f64>(ip + rowIn + kOff + 8))
      const y2 = f64x2.splat(load<f64>(ip + 2 * rowIn + kOff + 8))
      const y3 = f64x2.splat(load<f64>(ip + 3 * rowIn + kOff + 8))
      const gp = gw + <usize>k * rowD
      const gq = gp + rowD
      let j = 0
      for (; j + 2 <= J; j += 2) {
        const jOff = <usize>j << 3
        const d0 = v128.load(dp + jOff)
        const d1 = v128.load(dp + rowD + jOff)
        const d2 = v128.load(dp + 2 * rowD + jOff)
        const d3 = v128.load(dp + 3 * rowD + jOff)
        let acc = v128.load(gp + jOff)
        acc = f64x2.add(acc, f64x2.mul(x0, d0))
        acc = f64x2.add(acc, f64x2.mul(x1, d1))
        acc = f64x2.add(acc, f64x2.mul(x2, d2))
        acc = f64x2.add(acc, f64x2.mul(x3, d3))
        v128.store(gp + jOff, acc)
        let acd = v128.load(gq + jOff)
        acd = f64x2.add(acd, f64x2.mul(y0, d0))
        acd = f64x2.add(acd, f64x2.mul(y1, d1))
        acd = f64x2.add(acd, f64x2.mul(y2, d2))
        acd = f64x2.add(acd, f64x2.mul(y3, d3))
        v128.store(gq + jOff, acd)
      }
      for (; j < J; j++) {
        const jOff = <usize>j << 3
        const e0 = load<f64>(dp + jOff)
        const e1 = load<f64>(dp + rowD + jOff)
        const e2 = load<f64>(dp + 2 * rowD + jOff)
        const e3 = load<f64>(dp + 3 * rowD + jOff)
        let s = load<f64>(gp + jOff)
        s += f64x2.extract_lane(x0, 0) * e0
        s += f64x2.extract_lane(x1, 0) * e1
        s += f64x2.extract_lane(x2, 0) * e2
        s += f64x2.extract_lane(x3, 0) * e3
        store<f64>(gp + jOff, s)
        let t = load<f64>(gq + jOff)
        t += f64x2.extract_lane(y0, 0) * e0
        t += f64x2.extract_lane(y1, 0) * e1
        t += f64x2.extract_lane(y2, 0) * e2
        t += f64x2.extract_lane(y3, 0) * e3
        store<f64>(gq + jOff, t)
      }
    }
    for (; k < k1; k++) {
      const kOff = <usize>k << 3
      const x0 = f64x2.splat(load<f64>(ip + kOff))
      const x1 = f64x2.splat(load<f64>(ip + rowIn + kOff))
      const x2 = f64x2.splat(load<f64>(ip + 2 * rowIn + kOff))
      const x3 = f64x2.splat(load<f64>(ip + 3 * rowIn + kOff))
      const gp = gw + <usize>k * rowD
      let j = 0
      for (; j + 2 <= J; j += 2) {
        const jOff = <usize>j << 3
        let acc = v128.load(gp + jOff)
        acc = f64x2.add(acc, f64x2.mul(x0, v128.load(dp + jOff)))
        acc = f64x2.add(acc, f64x2.mul(x1, v128.load(dp + rowD + jOff)))
        acc = f64x2.add(acc, f64x2.mul(x2, v128.load(dp + 2 * rowD + jOff)))
        acc = f64x2.add(acc, f64x2.mul(x3, v128.load(dp + 3 * rowD + jOff)))
        v128.store(gp + jOff, acc)
      }
      for (; j < J; j++) {
        const jOff = <usize>j << 3
        let s = load<f64>(gp + jOff)
        s += f64x2.extract_lane(x0, 0) * load<f64>(dp + jOff)
        s += f64x2.extract_lane(x1, 0) * load<f64>(dp + rowD + jOff)
        s += f64x2.extract_lane(x2, 0) * load<f64>(dp + 2 * rowD + jOff)
        s += f64x2.extract_lane(x3, 0) * load<f64>(dp + 3 * rowD + jOff)
        store<f64>(gp + jOff, s)
      }
    }
  }
  for (; n < count; n++) {
    const ip = inp + <usize>n * rowIn
    const dp = delta + <usize>n * rowD
    for (let k = k0; k < k1; k++) {
      const xv = load<f64>(ip + (<usize>k << 3))
      const x0 = f64x2.splat(xv)
      const gp = gw + <usize>k * rowD
      let j = 0
      for (; j + 2 <= J; j += 2) {
        const jOff = <usize>j << 3
        v128.store(gp + jOff, f64x2.add(v128.load(gp + jOff), f64x2.mul(x0, v128.load(dp + jOff))))
      }
      for (; j < J; j++) {
        const jOff = <usize>j << 3
        store<f64>(gp + jOff, load<f64>(gp + jOff) + xv * load<f64>(dp + jOff))
      }
    }
  }
  const m = f64x2.splat(<f64>count)
  let i: usize = first
  for (; i + 2 <= size; i += 2) v128.store(gw + (i << 3), f64x2.div(v128.load(gw + (i << 3)), m))
  for (; i < size; i++) store<f64>(gw + (i << 3), load<f64>(gw + (i << 3)) / <f64>count)
}

// denseGrad for 8 to 16 columns: a block of gw (two rows × eight columns) is summed in
// registers down a chunk of rows that stays in the L1 cache, then the next chunk continues each
// sum (every sum still runs over n in order from 0).
function denseGradBlocked(inp: usize, delta: usize, gw: usize, count: i32, K: i32, J: i32, k0: i32, k1: i32): void {
  const rowIn = <usize>K << 3
  const rowD = <usize>J << 3
  const first = <usize>k0 * <usize>J
  const size = <usize>k1 * <usize>J
  memory.fill(gw + (first << 3), 0, (size - first) << 3)
  const chunk = max(8, 4096 / (K + J))
  for (let n0 = 0; n0 < count; n0 += chunk) {
    const n1 = min(count, n0 + chunk)
    let k = k0
    for (; k + 2 <= k1; k += 2) {
      const gp = gw + <usize>k * rowD
      const gq = gp + rowD
      let j = 0
      for (; j + 8 <= J; j += 8) {
        const jo = <usize>j << 3
        let a0 = v128.load(gp + jo), a1 = v128.load(gp + jo, 16), a2 = v128.load(gp + jo, 32), a3 = v128.load(gp + jo, 48)
        let b0 = v128.load(gq + jo), b1 = v128.load(gq + jo, 16), b2 = v128.load(gq + jo, 32), b3 = v128.load(gq + jo, 48)
        let ip = inp + <usize>n0 * rowIn + (<usize>k << 3)
        let dp = delta + <usize>n0 * rowD + jo
        for (let n = n0; n < n1; n++) {
          const x0 = f64x2.splat(load<f64>(ip))
          const x1 = f64x2.splat(load<f64>(ip, 8))
          const d0 = v128.load(dp)
          const d1 = v128.load(dp, 16)
          const d2 = v128.load(dp, 32)
          const d3 = v128.load(dp, 48)
          a0 = f64x2.add(a0, f64x2.mul(x0, d0))
          a1 = f64x2.add(a1, f64x2.mul(x0, d1))
          a2 = f64x2.add(a2, f64x2.mul(x0, d2))
          a3 = f64x2.add(a3, f64x2.mul(x0, d3))
          b0 = f64x2.add(b0, f64x2.mul(x1, d0))
          b1 = f64x2.add(b1, f64x2.mul(x1, d1))
          b2 = f64x2.add(b2, f64x2.mul(x1, d2))
          b3 = f64x2.add(b3, f64x2.mul(x1, d3))
          ip += rowIn
          dp += rowD
        }
        v128.store(gp + jo, a0)
        v128.store(gp + jo, a1, 16)
        v128.store(gp + jo, a2, 32)
        v128.store(gp + jo, a3, 48)
        v128.store(gq + jo, b0)
        v128.store(gq + jo, b1, 16)
        v128.store(gq + jo, b2, 32)
        v128.store(gq + jo, b3, 48)
      }
      for (; j < J; j++) {
        const jo = <usize>j << 3
        let s = load<f64>(gp + jo)
        let t = load<f64>(gq + jo)
        let ip = inp + <usize>n0 * rowIn + (<usize>k << 3)
        let dp = delta + <usize>n0 * rowD + jo
        for (let n = n0; n < n1; n++) {
          const d = load<f64>(dp)
          s += load<f64>(ip) * d
          t += load<f64>(ip, 8) * d
          ip += rowIn
          dp += rowD
        }
        store<f64>(gp + jo, s)
        store<f64>(gq + jo, t)
      }
    }
    for (; k < k1; k++) {
      const gp = gw + <usize>k * rowD
      let j = 0
      for (; j + 2 <= J; j += 2) {
        const jo = <usize>j << 3
        let a = v128.load(gp + jo)
        let ip = inp + <usize>n0 * rowIn + (<usize>k << 3)
        let dp = delta + <usize>n0 * rowD + jo
        for (let n = n0; n < n1; n++) {
          a = f64x2.add(a, f64x2.mul(f64x2.splat(load<f64>(ip)), v128.load(dp)))
          ip += rowIn
          dp += rowD
        }
        v128.store(gp + jo, a)
      }
      for (; j < J; j++) {
        const jo = <usize>j << 3
        let s = load<f64>(gp + jo)
        let ip = inp + <usize>n0 * rowIn + (<usize>k << 3)
        let dp = delta + <usize>n0 * rowD + jo
        for (let n = n0; n < n1; n++) {
          s += load<f64>(ip) * load<f64>(dp)
          ip += rowIn
          dp += rowD
        }
        store<f64>(gp + jo, s)
      }
    }
  }
  const m = f64x2.splat(<f64>count)
  let i: usize = first
  for (; i + 2 <= size; i += 2) v128.store(gw + (i << 3), f64x2.div(v128.load(gw + (i << 3)), m))
  for (; i < size; i++) store<f64>(gw + (i << 3), load<f64>(gw + (i << 3)) / <f64>count)
}

// denseGrad for a single output column (J = 1, the sigmoid head): gw[k] = Σ_n inp[n, k]·delta[n]
// / count. A row of inp is contiguous in k, so eight gw entries at a time are summed in registers
// over a chunk of rows that stays in the L1 cache (~16 KB), then the next chunk continues each
// sum; every sum still runs over n in order from 0.
function denseGradColumn(inp: usize, delta: usize, gw: usize, count: i32, K: i32, k0: i32, k1: i32): void {
  const rowIn = <usize>K << 3
  const chunk = max(16, 2048 / K)
  memory.fill(gw + (<usize>k0 << 3), 0, <usize>(k1 - k0) << 3)
  for (let n0 = 0; n0 < count; n0 += chunk) {
    const n1 = min(count, n0 + chunk)
    let k = k0
    for (; k + 8 <= k1; k += 8) {
      const gp = gw + (<usize>k << 3)
      let s0 = v128.load(gp), s1 = v128.load(gp, 16), s2 = v128.load(gp, 32), s3 = v128.load(gp, 48)
      let ip = inp + <usize>n0 * rowIn + (<usize>k << 3)
      for (let n = n0; n < n1; n++) {
        const d = f64x2.splat(load<f64>(delta + (<usize>n << 3)))
        s0 = f64x2.add(s0, f64x2.mul(v128.load(ip), d))
        s1 = f64x2.add(s1, f64x2.mul(v128.load(ip, 16), d))
        s2 = f64x2.add(s2, f64x2.mul(v128.load(ip, 32), d))
        s3 = f64x2.add(s3, f64x2.mul(v128.load(ip, 48), d))
        ip += rowIn
      }
      v128.store(gp, s0)
      v128.store(gp, s1, 16)
      v128.store(gp, s2, 32)
      v128.store(gp, s3, 48)
    }
    for (; k < k1; k++) {
      const gp = gw + (<usize>k << 3)
      let s = load<f64>(gp)
      let ip = inp + <usize>n0 * rowIn + (<usize>k << 3)
      for (let n = n0; n < n1; n++) {
        s += load<f64>(ip) * load<f64>(delta + (<usize>n << 3))
        ip += rowIn
      }
      store<f64>(gp, s)
    }
  }
  for (let k = k0; k < k1; k++) {
    const gp = gw + (<usize>k << 3)
    store<f64>(gp, load<f64>(gp) / <f64>count)
  }
}

// gb(J) = Σ_n delta[n, :] / count, rows added in order from 0. Eight columns at a time are summed
// in registers (a sum kept in memory would wait on its own store every row) over a chunk of rows
// that stays in the L1 cache (~16 KB); the next chunk continues each sum.
export function biasGrad(delta: usize, gb: usize, count: i32, J: i32): void {
  const rowD = <usize>J << 3
  const chunk = max(16, 2048 / J)
  memory.fill(gb, 0, rowD)
  for (let n0 = 0; n0 < count; n0 += chunk) {
    const n1 = min(count, n0 + chunk)
    let j = 0
    for (; j + 8 <= J; j += 8) {
      const gp = gb + (<usize>j << 3)
      let s0 = v128.load(gp), s1 = v128.load(gp, 16), s2 = v128.load(gp, 32), s3 = v128.load(gp, 48)
      let dp = delta + <usize>n0 * rowD + (<usize>j << 3)
      for (let n = n0; n < n1; n++) {
        s0 = f64x2.add(s0, v128.load(dp))
        s1 = f64x2.add(s1, v128.load(dp, 16))
        s2 = f64x2.add(s2, v128.load(dp, 32))
        s3 = f64x2.add(s3, v128.load(dp, 48))
        dp += rowD
      }
      v128.store(gp, s0)
      v128.store(gp, s1, 16)
      v128.store(gp, s2, 32)
      v128.store(gp, s3, 48)
    }
    for (; j + 2 <= J; j += 2) {
      const gp = gb + (<usize>j << 3)
      let s0 = v128.load(gp)
      let dp = delta + <usize>n0 * rowD + (<usize>j << 3)
      for (let n = n0; n < n1; n++) {
        s0 = f64x2.add(s0, v128.load(dp))
        dp += rowD
      }
      v128.store(gp, s0)
    }
    for (; j < J; j++) {
      const gp = gb + (<usize>j << 3)
      let s = load<f64>(gp)
      let dp = delta + <usize>n0 * rowD + (<usize>j << 3)
      for (let n = n0; n < n1; n++) {
        s += load<f64>(dp)
        dp += rowD
      }
      store<f64>(gp, s)
    }
  }
  for (let j = 0; j < J; j++) {
    const gp = gb + (<usize>j << 3)
    store<f64>(gp, load<f64>(gp) / <f64>count)
  }
}

// ---- Training meters ------------------------------------------------------------------------

// The slopes |f′(z)| of two sigmoid or tanh units from their activations v = f(z): σ′ = v(1 − v),
// tanh′ = 1 − v² (the very operations of meters.ts's TypeScript loop, so the same bits).
@inline
function slopes2(v: v128, tanh: bool): v128 {
  const one = f64x2.splat(1)
  return tanh ? f64x2.sub(one, f64x2.mul(v, v)) : f64x2.mul(v, f64x2.sub(one, v))
}

// counts[j] (int32) = the rows n < count where unit j's slope from a(count×J) is below `limit`:
// the meters' saturation count (meters.ts). Eight columns at a time are counted in registers
// (a lane's comparison is all ones when true, so subtracting it adds 1), walking down the rows.
export function countSaturated(a: usize, count: i32, J: i32, tanh: i32, limit: f64, counts: usize): void {
  if (tanh) countSlopesBelow(a, count, J, true, limit, counts)
  else countSlopesBelow(a, count, J, false, limit, counts)
}

@inline
function countSlopesBelow(a: usize, count: i32, J: i32, tanh: bool, limit: f64, counts: usize): void {
  const row = <usize>J << 3
  const lim = f64x2.splat(limit)
  const zero = i64x2.splat(0)
  let j = 0
  for (; j + 8 <= J; j += 8) {
    let c0 = zero, c1 = zero, c2 = zero, c3 = zero
    let p = a + (<usize>j << 3)
    for (let n = 0; n < count; n++) {
      c0 = i64x2.sub(c0, f64x2.lt(slopes2(v128.load(p), tanh), lim))
      c1 = i64x2.sub(c1, f64x2.lt(slopes2(v128.load(p, 16), tanh), lim))
      c2 = i64x2.sub(c2, f64x2.lt(slopes2(v128.load(p, 32), tanh), lim))
      c3 = i64x2.sub(c3, f64x2.lt(slopes2(v128.load(p, 48), tanh), lim))
      p += row
    }
    const cp = counts + (<usize>j << 2)
    store<i32>(cp, <i32>i64x2.extract_lane(c0, 0))
    store<i32>(cp, <i32>i64x2.extract_lane(c0, 1), 4)
    store<i32>(cp, <i32>i64x2.extract_lane(c1, 0), 8)
    store<i32>(cp, <i32>i64x2.extract_lane(c1, 1), 12)
    store<i32>(cp, <i32>i64x2.extract_lane(c2, 0), 16)
    store<i32>(cp, <i32>i64x2.extract_lane(c2, 1), 20)
    store<i32>(cp, <i32>i64x2.extract_lane(c3, 0), 24)
    store<i32>(cp, <i32>i64x2.extract_lane(c3, 1), 28)
  }
  for (; j + 2 <= J; j += 2) {
    let c0 = zero
    let p = a + (<usize>j << 3)
    for (let n = 0; n < count; n++) {
      c0 = i64x2.sub(c0, f64x2.lt(slopes2(v128.load(p), tanh), lim))
      p += row
    }
    const cp = counts + (<usize>j << 2)
    store<i32>(cp, <i32>i64x2.extract_lane(c0, 0))
    store<i32>(cp, <i32>i64x2.extract_lane(c0, 1), 4)
  }
  for (; j < J; j++) {
    let c = 0
    let p = a + (<usize>j << 3)
    for (let n = 0; n < count; n++) {
      const v = load<f64>(p)
      const s = tanh ? 1 - v * v : v * (1 - v)
      c += s < limit ? 1 : 0
      p += row
    }
    store<i32>(counts + (<usize>j << 2), c)
  }
}

// ---- Live maps: float32 inference over a grid of points ---------------------------------------
// The decision-boundary map is drawn as colours from a Float32Array, so it is computed in float32
// with four points per f32x4 vector and sixteen points per block (four independent sums hide the
// add latency). Unlike the training kernels above these values are not bit-identical to the
// float64 engine: they agree to float32 rounding (~1e-6), which no pixel can show.

// Activation codes for gridMap's `acts` (one i32 per weight layer).
const ACT_LINEAR = 0
const ACT_RELU = 1
const ACT_LEAKY = 2
const ACT_SIGMOID = 3
const ACT_TANH = 4
const ACT_SOFTMAX = 5
const ACT_ELU = 6
const ACT_GELU = 7
const ACT_SWISH = 8
const ACT_SOFTPLUS = 9
const GELU_C: f32 = 0.7978845608028654
const GELU_CUBIC: f32 = 0.044715
const LEAKY_SLOPE: f32 = 0.01
// One block: 16 points, one unit's values in 64 bytes (4 vectors of 4 points).
const BLOCK = 16
const UNIT_BYTES: usize = 64

// e^x for four float32 lanes (Cephes expf: Cody–Waite reduction, degree-6 polynomial, 2^n put
// straight into the exponent bits); inputs clamped to [−87, 88] so the result stays finite and
// normal. Relative error about 1e-7.
@inline
function expf4(x: v128): v128 {
  x = f32x4.pmin(f32x4.splat(88), f32x4.pmax(f32x4.splat(-87), x))
  const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(1.44269504088896341)))
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(0.693359375)))
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(-2.12194440e-4)))
  let p = f32x4.splat(1.9875691500e-4)
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3))
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3))
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2))
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1))
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1))
  p = f32x4.add(f32x4.add(f32x4.mul(p, f32x4.mul(r, r)), r), f32x4.splat(1))
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23)
  return f32x4.mul(p, scale)
}

@inline
function activate4(v: v128, act: i32): v128 {
  const zero = f32x4.splat(0)
  const one = f32x4.splat(1)
  if (act == ACT_RELU) return f32x4.pmax(zero, v)
  if (act == ACT_LEAKY) return v128.bitselect(v, f32x4.mul(v, f32x4.splat(LEAKY_SLOPE)), f32x4.gt(v, zero))
  if (act == ACT_SIGMOID) return f32x4.div(one, f32x4.add(one, expf4(f32x4.neg(v))))
  if (act == ACT_TANH) {
    const e = expf4(f32x4.add(v, v))
    return f32x4.sub(one, f32x4.div(f32x4.splat(2), f32x4.add(e, one)))
  }
  if (act == ACT_ELU) return v128.bitselect(v, f32x4.sub(expf4(v), one), f32x4.gt(v, zero))
  if (act == ACT_GELU) {
    // ½·v·(1 + tanh(u)), u = √(2/π)·(v + 0.044715·v³), tanh(u) = 1 − 2/(e^(2u) + 1).
    const u = f32x4.mul(f32x4.splat(GELU_C), f32x4.add(v, f32x4.mul(f32x4.splat(GELU_CUBIC), f32x4.mul(v, f32x4.mul(v, v)))))
    const t = f32x4.sub(one, f32x4.div(f32x4.splat(2), f32x4.add(expf4(f32x4.add(u, u)), one)))
    return f32x4.mul(f32x4.mul(f32x4.splat(0.5), v), f32x4.add(one, t))
  }
  if (act == ACT_SWISH) return f32x4.div(v, f32x4.add(one, expf4(f32x4.neg(v))))
  if (act == ACT_SOFTPLUS) return f32x4.add(f32x4.pmax(zero, v), log1pSmall4(expf4(f32x4.neg(f32x4.abs(v)))))
  return v
}

// ln(1 + e) for four lanes with 0 ≤ e ≤ 1 (softplus): 2·atanh(s), s = e/(2 + e) ≤ 1/3, by its
// odd series to s¹³ (error below 1e-8), with no cancellation for small e.
@inline
function log1pSmall4(e: v128): v128 {
  const s = f32x4.div(e, f32x4.add(f32x4.splat(2), e))
  const s2 = f32x4.mul(s, s)
  let p = f32x4.splat(<f32>(1.0 / 13))
  p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(<f32>(1.0 / 11)))
  p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(<f32>(1.0 / 9)))
  p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(<f32>(1.0 / 7)))
  p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(<f32>(1.0 / 5)))
  p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(<f32>(1.0 / 3)))
  p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(1))
  return f32x4.mul(f32x4.mul(f32x4.splat(2), s), p)
}

// Values over points [first, first + count) of a width×height grid in image order (row 0 at the
// top; pixel centres x = xMin + (c + ½)·dx, y = yMax − (r + ½)·dy). The network: `layers` weight
// layers, sizes (i32[layers + 1]), acts (i32[layers]), params (float32, per layer the transposed
// weights J×K then the J biases). Layer `upto` is the last one computed; out receives, per point,
// that layer's unit `unit` (one value), or every unit when unit < 0 (row-major, point by point).
// bufA and bufB each hold widest-layer × 64 bytes.
export function gridMap(
  layers: i32, sizes: usize, acts: usize, params: usize, bufA: usize, bufB: usize,
  xMin: f64, dx: f64, yMax: f64, dy: f64, width: i32, first: i32, count: i32,
  upto: i32, unit: i32, out: usize
): void {
  for (let start = 0; start < count; start += BLOCK) {
    // The block's inputs: unit 0 = x, unit 1 = y (a short last block repeats its last point).
    for (let p = 0; p < BLOCK; p++) {
      const i = first + min(start + p, count - 1)
      const r = i / width
      const c = i - r * width
      store<f32>(bufA + (<usize>p << 2), <f32>(xMin + (<f64>c + 0.5) * dx))
      store<f32>(bufA + UNIT_BYTES + (<usize>p << 2), <f32>(yMax - (<f64>r + 0.5) * dy))
    }
    let inp = bufA
    let outp = bufB
    let wp = params
    for (let l = 0; l <= upto; l++) {
      const K = load<i32>(sizes + (<usize>l << 2))
      const J = load<i32>(sizes + (<usize>(l + 1) << 2))
      const act = load<i32>(acts + (<usize>l << 2))
      const bp = wp + (<usize>(K * J) << 2)
      for (let j = 0; j < J; j++) {
        const bj = f32x4.splat(load<f32>(bp + (<usize>j << 2)))
        let s0 = bj, s1 = bj, s2 = bj, s3 = bj
        const row = wp + (<usize>(j * K) << 2)
        for (let k = 0; k < K; k++) {
          const w = f32x4.splat(load<f32>(row + (<usize>k << 2)))
          const ip = inp + <usize>k * UNIT_BYTES
          s0 = f32x4.add(s0, f32x4.mul(v128.load(ip), w))
          s1 = f32x4.add(s1, f32x4.mul(v128.load(ip, 16), w))
          s2 = f32x4.add(s2, f32x4.mul(v128.load(ip, 32), w))
          s3 = f32x4.add(s3, f32x4.mul(v128.load(ip, 48), w))
        }
        const op = outp + <usize>j * UNIT_BYTES
        v128.store(op, activate4(s0, act))
        v128.store(op, activate4(s1, act), 16)
        v128.store(op, activate4(s2, act), 32)
        v128.store(op, activate4(s3, act), 48)
      }
      if (act == ACT_SOFTMAX) softmax4(outp, J)
      wp = bp + (<usize>J << 2)
      const t = inp
      inp = outp
      outp = t
    }
    // inp now holds layer `upto`'s values.
    const valid = min(BLOCK, count - start)
    const J = load<i32>(sizes + (<usize>(upto + 1) << 2))
    if (unit >= 0 || J == 1) {
      const src = inp + <usize>max(unit, 0) * UNIT_BYTES
      const dst = out + (<usize>start << 2)
      if (valid == BLOCK) {
        v128.store(dst, v128.load(src))
        v128.store(dst, v128.load(src, 16), 16)
        v128.store(dst, v128.load(src, 32), 32)
        v128.store(dst, v128.load(src, 48), 48)
      } else {
        for (let p = 0; p < valid; p++) store<f32>(dst + (<usize>p << 2), load<f32>(src + (<usize>p << 2)))
      }
    } else {
      for (let p = 0; p < valid; p++) {
        const dst = out + (<usize>((start + p) * J) << 2)
        for (let j = 0; j < J; j++) {
          store<f32>(dst + (<usize>j << 2), load<f32>(inp + <usize>j * UNIT_BYTES + (<usize>p << 2)))
        }
      }
    }
  }
}

// Softmax across the J units of a block, lane by lane: shifted by the largest, exp, normalised.
function softmax4(buf: usize, J: i32): void {
  for (let v: usize = 0; v < UNIT_BYTES; v += 16) {
    let m = v128.load(buf + v)
    for (let j = 1; j < J; j++) m = f32x4.pmax(m, v128.load(buf + <usize>j * UNIT_BYTES + v))
    let sum = f32x4.splat(0)
    for (let j = 0; j < J; j++) {
      const p = buf + <usize>j * UNIT_BYTES + v
      const e = expf4(f32x4.sub(v128.load(p), m))
      v128.store(p, e)
      sum = f32x4.add(sum, e)
    }
    for (let j = 0; j < J; j++) {
      const p = buf + <usize>j * UNIT_BYTES + v
      v128.store(p, f32x4.div(v128.load(p), sum))
    }
  }
}
