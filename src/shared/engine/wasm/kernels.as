// AssemblyScript source of the engine's WebAssembly SIMD kernels (compiled by build-kernels.mjs
// into kernelsWasm.ts). Every routine computes exactly what the TypeScript loops in network.ts
// compute, element for element: SIMD runs two output elements side by side (f64x2 lanes), and
// each element's sum still runs over its terms in the same order, starting from 0, so results
// are bit-identical to the scalar path. No fused multiply-add (it would round differently).
// Pointers are byte offsets into the imported memory; matrices are row-major float64.

// Flags for dense(): what to do with each finished sum.
const ADD_BIAS = 1 // z = Σ + b
const ACTIVATE = 2 // also act = z > 0 ? z : slope·z (slope 0: ReLU)
const GATE = 4 // out = Σ · (gate > 0 ? 1 : slope): backprop through a (leaky) ReLU

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
}

// out(count×J) = inp(count×K) @ w(K×J), each element 0 + Σ_k in k order, then finished by
// `flags` (bias, activation into act, or a ReLU gate read from gate(count×J)). Two rows at a
// time share each load of w; eight output columns at a time stay in registers.
export function dense(inp: usize, w: usize, b: usize, out: usize, act: usize, gate: usize, count: i32, K: i32, J: i32, flags: i32, slope: f64): void {
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

// gw(K×J) = (inp(count×K)ᵀ @ delta(count×J)) / count: per element 0 + Σ_n in order, then / count.
// Rows are taken four at a time so each gw block is loaded and stored once per four rows.
export function denseGrad(inp: usize, delta: usize, gw: usize, count: i32, K: i32, J: i32): void {
  const rowIn = <usize>K << 3
  const rowD = <usize>J << 3
  const size = <usize>K * <usize>J
  memory.fill(gw, 0, size << 3)
  let n = 0
  for (; n + 4 <= count; n += 4) {
    const ip = inp + <usize>n * rowIn
    const dp = delta + <usize>n * rowD
    let k = 0
    // Two rows of gw at a time share each load of the four delta rows.
    for (; k + 2 <= K; k += 2) {
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
    for (; k < K; k++) {
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
    for (let k = 0; k < K; k++) {
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
  let i: usize = 0
  for (; i + 2 <= size; i += 2) v128.store(gw + (i << 3), f64x2.div(v128.load(gw + (i << 3)), m))
  for (; i < size; i++) store<f64>(gw + (i << 3), load<f64>(gw + (i << 3)) / <f64>count)
}

// gb(J) = Σ_n delta[n, :] / count, rows added in order from 0.
export function biasGrad(delta: usize, gb: usize, count: i32, J: i32): void {
  const rowD = <usize>J << 3
  memory.fill(gb, 0, rowD)
  for (let n = 0; n < count; n++) {
    const dp = delta + <usize>n * rowD
    let j = 0
    for (; j + 2 <= J; j += 2) {
      const jOff = <usize>j << 3
      v128.store(gb + jOff, f64x2.add(v128.load(gb + jOff), v128.load(dp + jOff)))
    }
    for (; j < J; j++) {
      const jOff = <usize>j << 3
      store<f64>(gb + jOff, load<f64>(gb + jOff) + load<f64>(dp + jOff))
    }
  }
  for (let j = 0; j < J; j++) {
    const jOff = <usize>j << 3
    store<f64>(gb + jOff, load<f64>(gb + jOff) / <f64>count)
  }
}
