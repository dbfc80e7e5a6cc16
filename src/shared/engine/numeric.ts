// Small numeric helpers that reproduce NumPy's own arithmetic where the seed fidelity needs it.

/** NumPy's pairwise summation (numpy/core/src/umath/loops_utils.h.src, pairwise_sum) over
 *  a[start .. start+n). Unrolled by 8 below 128 items, split in halves above. */
function pairwiseSum(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = 0
    for (let i = 0; i < n; i++) res += a[start + i]
    return res
  }
  if (n <= 128) {
    let r0 = a[start]
    let r1 = a[start + 1]
    let r2 = a[start + 2]
    let r3 = a[start + 3]
    let r4 = a[start + 4]
    let r5 = a[start + 5]
    let r6 = a[start + 6]
    let r7 = a[start + 7]
    let i = 8
    const end = n - (n % 8)
    for (; i < end; i += 8) {
      r0 += a[start + i]
      r1 += a[start + i + 1]
      r2 += a[start + i + 2]
      r3 += a[start + i + 3]
      r4 += a[start + i + 4]
      r5 += a[start + i + 5]
      r6 += a[start + i + 6]
      r7 += a[start + i + 7]
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7))
    for (; i < n; i++) res += a[start + i]
    return res
  }
  let n2 = Math.floor(n / 2)
  n2 -= n2 % 8
  return pairwiseSum(a, start, n2) + pairwiseSum(a, start + n2, n - n2)
}

/** `np.sum` of a contiguous float64 vector: NumPy's pairwise sum over all of it
 *  (checked bit for bit against NumPy in rng.test.ts). */
export function numpySum(a: ArrayLike<number>, n: number = a.length): number {
  return pairwiseSum(a, 0, n)
}

/** `np.mean` of a contiguous float64 vector. */
export function numpyMean(a: ArrayLike<number>, n: number = a.length): number {
  return numpySum(a, n) / n
}
