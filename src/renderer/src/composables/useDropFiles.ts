// Drag a .nnlab session or a .csv dataset onto the window to open or import it. The dropped file
// is read in the renderer (File.text()), so this works the same in Electron and the browser.
import { getCurrentScope, onScopeDispose, ref } from 'vue'
import { useSessionStore } from '@renderer/stores/session'

/** Files larger than this are refused before reading (a session of 8×128 with history is far smaller). */
export const MAX_DROP_BYTES = 200 * 1024 * 1024

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files')
}

export function useDropFiles(target: Window | HTMLElement = window) {
  const session = useSessionStore()
  /** True while files are dragged over the window (to show a drop hint). */
  const dragging = ref(false)
  let depth = 0

  async function openDropped(file: File): Promise<void> {
    if (file.size > MAX_DROP_BYTES) {
      session.showError(
        `Could not open “${file.name}”`,
        'The file is too large to be a session or dataset.'
      )
      return
    }
    let text: string
    try {
      text = await file.text()
    } catch {
      session.showError(`Could not open “${file.name}”`, 'The file could not be read.')
      return
    }
    await session.openAnyFile({ path: file.name, name: file.name, text }, { fromDrop: true })
  }

  function onDragEnter(event: Event): void {
    if (!hasFiles(event as DragEvent)) return
    depth++
    dragging.value = true
  }
  function onDragLeave(event: Event): void {
    if (!hasFiles(event as DragEvent)) return
    depth = Math.max(0, depth - 1)
    if (depth === 0) dragging.value = false
  }
  function onDragOver(event: Event): void {
    const drag = event as DragEvent
    if (!hasFiles(drag)) return
    // Without this the browser would navigate to the file.
    drag.preventDefault()
    if (drag.dataTransfer) drag.dataTransfer.dropEffect = 'copy'
  }
  function onDrop(event: Event): void {
    const drag = event as DragEvent
    if (!hasFiles(drag)) return
    drag.preventDefault()
    depth = 0
    dragging.value = false
    const file = drag.dataTransfer?.files[0]
    if (file) void openDropped(file)
  }

  target.addEventListener('dragenter', onDragEnter)
  target.addEventListener('dragleave', onDragLeave)
  target.addEventListener('dragover', onDragOver)
  target.addEventListener('drop', onDrop)
  const dispose = (): void => {
    target.removeEventListener('dragenter', onDragEnter)
    target.removeEventListener('dragleave', onDragLeave)
    target.removeEventListener('dragover', onDragOver)
    target.removeEventListener('drop', onDrop)
  }
  if (getCurrentScope()) onScopeDispose(dispose)
  return { dragging, openDropped, dispose }
}
