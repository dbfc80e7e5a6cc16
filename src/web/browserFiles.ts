// Files in a plain browser: reading goes through a file picker (<input type=file>), writing
// through a download (a Blob and an <a download>). There is no path and no save dialog.
import type { OpenedFile } from '../shared/protocol/labApi'

/** Shows the browser's file picker; resolves with the chosen file's text, or null when the
 *  learner cancels. `accept` is the input's accept list, e.g. '.nnlab'. */
export function pickTextFile(doc: Document, accept: string): Promise<OpenedFile | null> {
  return new Promise((resolve, reject) => {
    const input = doc.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.style.display = 'none'
    let settled = false
    const finish = (): void => {
      settled = true
      input.remove()
    }
    input.addEventListener('change', () => {
      if (settled) return
      const file = input.files?.[0]
      finish()
      if (!file) {
        resolve(null)
        return
      }
      file.text().then(
        (text) => resolve({ path: file.name, name: file.name, text }),
        (error: unknown) => reject(error)
      )
    })
    // Chromium fires 'cancel' when the picker is closed without a choice.
    input.addEventListener('cancel', () => {
      if (settled) return
      finish()
      resolve(null)
    })
    doc.body.append(input)
    input.click()
  })
}

const MIME_BY_EXTENSION: Record<string, string> = {
  nnlab: 'application/json',
  json: 'application/json',
  png: 'image/png',
  csv: 'text/csv',
  py: 'text/x-python',
  txt: 'text/plain'
}

export function mimeTypeFor(fileName: string): string {
  const extension = fileName.toLowerCase().split('.').pop() ?? ''
  return MIME_BY_EXTENSION[extension] ?? 'application/octet-stream'
}

/** A name safe to offer as a download: no folders, no characters file systems reject. */
export function safeFileName(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[<>:"|?*\u0000-\u001f]/g, '_').trim()
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? fallback : cleaned
}

/** Appends `.extension` unless the name already ends with it. */
export function withExtension(name: string, extension: string): string {
  return name.toLowerCase().endsWith(`.${extension.toLowerCase()}`) ? name : `${name}.${extension}`
}

/** Starts a download of `data` named `fileName` (a large text comes as a Blob: textBlob.ts). */
export function downloadFile(
  doc: Document,
  fileName: string,
  data: Uint8Array | string | Blob
): void {
  // Copy bytes into a fresh ArrayBuffer-backed array: a view on a SharedArrayBuffer or a
  // larger buffer must not leak into the Blob.
  const blob =
    data instanceof Blob
      ? data
      : new Blob([typeof data === 'string' ? data : new Uint8Array(data)], {
          type: mimeTypeFor(fileName)
        })
  const url = URL.createObjectURL(blob)
  const link = doc.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  doc.body.append(link)
  link.click()
  link.remove()
  // The download has taken its copy once the click has been handled; free the Blob later.
  setTimeout(() => URL.revokeObjectURL(url), 30_000)
}
