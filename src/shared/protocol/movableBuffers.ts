// The buffers a message can move (transfer) instead of copying: those of its typed arrays that
// fill their whole buffer (a view into a larger one, such as the kernels' WebAssembly memory,
// must be copied), each listed once. Only for messages whose arrays were made for them alone
// (fresh maps, weight copies, toPlain's copies, a packed history): a moved array is gone from
// the sender.
export function movableBuffers(value: unknown, out: ArrayBuffer[] = []): ArrayBuffer[] {
  if (value === null || typeof value !== 'object') return out
  if (ArrayBuffer.isView(value)) {
    const buffer = value.buffer
    if (
      buffer instanceof ArrayBuffer &&
      value.byteOffset === 0 &&
      value.byteLength === buffer.byteLength &&
      !out.includes(buffer)
    ) {
      out.push(buffer)
    }
    return out
  }
  for (const item of Array.isArray(value) ? value : Object.values(value)) movableBuffers(item, out)
  return out
}
