// AssemblyScript source of the engine's WebAssembly SIMD kernels (compiled by build-kernels.mjs
// into kernelsWasm.ts). Every routine computes exactly what the TypeScript loops in network.ts
// compute, element for element: SIMD runs two output elements side by side (f64x2 lanes), and
// each element's sum still runs over its terms in the same order, starting from 0, so results
// are bit-identical to the scalar path. No fused multiply-add (it would round differently).
// Pointers are byte offsets into the imported memory; matrices are row-major float64.

// out(count×J) = inp(count×K) @ w(K×J) (+ b when hasBias): per element, 0 + Σ_k in order, then + b.
export function denseForward(inp: usize, w: usize, b: usize, out: usize, count: i32, K: i32, J: i32, hasBias: i32): void {
  const rowIn = <usize>K << 3
  const rowOut = <usize>J << 3
  const zero = f64x2.splat(0)
  for (let n = 0; n < count; n++) {
    const ip = inp + <usize>n * rowIn
    const op = out + <usize>n * rowOut
    let j = 0
    for (; j + 8 <= J; j += 8) {
      let a0 = zero
      let a1 = zero
      let a2 = zero
      let a3 = zero
      let wp = w + (<usize>j << 3)
      for (let k = 0; k < K; k++) {
        const av = f64x2.splat(load<f64>(ip + (<usize>k << 3)))
        a0 = f64x2.add(a0, f64x2.mul(av, v128.load(wp)))
        a1 = f64x2.add(a1, f64x2.mul(av, v128.load(wp, 16)))
        a2 = f64x2.add(a2, f64x2.mul(av, v128.load(wp, 32)))
        a3 = f64x2.add(a3, f64x2.mul(av, v128.load(wp, 48)))
        wp += rowOut
      }
      if (hasBias) {
        const bp = b + (<usize>j << 3)
        a0 = f64x2.add(a0, v128.load(bp))
        a1 = f64x2.add(a1, v128.load(bp, 16))
        a2 = f64x2.add(a2, v128.load(bp, 32))
        a3 = f64x2.add(a3, v128.load(bp, 48))
      }
      const o = op + (<usize>j << 3)
      v128.store(o, a0)
      v128.store(o, a1, 16)
      v128.store(o, a2, 32)
      v128.store(o, a3, 48)
    }
    for (; j + 2 <= J; j += 2) {
      let a0 = zero
      let wp = w + (<usize>j << 3)
      for (let k = 0; k < K; k++) {
        a0 = f64x2.add(a0, f64x2.mul(f64x2.splat(load<f64>(ip + (<usize>k << 3))), v128.load(wp)))
        wp += rowOut
      }
      if (hasBias) a0 = f64x2.add(a0, v128.load(b + (<usize>j << 3)))
      v128.store(op + (<usize>j << 3), a0)
    }
    for (; j < J; j++) {
      let s: f64 = 0
      let wp = w + (<usize>j << 3)
      for (let k = 0; k < K; k++) {
        s += load<f64>(ip + (<usize>k << 3)) * load<f64>(wp)
        wp += rowOut
      }
      if (hasBias) s += load<f64>(b + (<usize>j << 3))
      store<f64>(op + (<usize>j << 3), s)
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
    for (let k = 0; k < K; k++) {
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

// a = z > 0 ? z : slope·z  (slope 0: ReLU; the comparison is false for NaN, as in the TS loop)
export function leakyRelu(z: usize, a: usize, len: i32, slope: f64): void {
  const zero = f64x2.splat(0)
  const s = f64x2.splat(slope)
  let i = 0
  for (; i + 2 <= len; i += 2) {
    const off = <usize>i << 3
    const zv = v128.load(z + off)
    const neg = slope == 0 ? zero : f64x2.mul(s, zv)
    v128.store(a + off, v128.bitselect(zv, neg, f64x2.gt(zv, zero)))
  }
  for (; i < len; i++) {
    const off = <usize>i << 3
    const zv = load<f64>(z + off)
    store<f64>(a + off, zv > 0 ? zv : slope == 0 ? 0 : slope * zv)
  }
}

// delta = delta · (z > 0 ? 1 : slope)
export function leakyReluBackward(delta: usize, z: usize, len: i32, slope: f64): void {
  const zero = f64x2.splat(0)
  const one = f64x2.splat(1)
  const s = f64x2.splat(slope)
  let i = 0
  for (; i + 2 <= len; i += 2) {
    const off = <usize>i << 3
    const factor = v128.bitselect(one, s, f64x2.gt(v128.load(z + off), zero))
    v128.store(delta + off, f64x2.mul(v128.load(delta + off), factor))
  }
  for (; i < len; i++) {
    const off = <usize>i << 3
    store<f64>(delta + off, load<f64>(delta + off) * (load<f64>(z + off) > 0 ? 1 : slope))
  }
}
