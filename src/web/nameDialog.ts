// The browser's stand-in for a Save dialog: a small modal that asks for the file's name,
// prefilled with the current one. A browser can only download, so the name is all there is to
// choose. <dialog>.showModal() keeps focus inside and closes on Esc; focus goes back to where
// it was. Styled by nameDialog.css with the lab's theme variables (light and dark).
import './nameDialog.css'

export interface NameRequest {
  title: string
  /** The name offered (without the extension). */
  initial: string
  /** Shown after the field ("nnlab"). */
  extension: string
  /** One sentence under the field. */
  hint: string
}

/** Asks for a file name; resolves with the typed name (trimmed, without the extension), or null
 *  when the learner cancels. */
export function askFileName(doc: Document, request: NameRequest): Promise<string | null> {
  const before = doc.activeElement as HTMLElement | null
  const dialog = doc.createElement('dialog')
  dialog.className = 'name-dialog'
  dialog.dataset.testid = 'save-name-dialog'
  dialog.setAttribute('aria-labelledby', 'name-dialog-title')
  dialog.setAttribute('aria-describedby', 'name-dialog-hint')

  const form = doc.createElement('form')
  form.method = 'dialog'
  form.noValidate = true
  const heading = doc.createElement('h2')
  heading.id = 'name-dialog-title'
  heading.textContent = request.title

  const label = doc.createElement('label')
  label.htmlFor = 'name-dialog-input'
  label.textContent = 'File name'
  const row = doc.createElement('div')
  row.className = 'name-row'
  const input = doc.createElement('input')
  input.id = 'name-dialog-input'
  input.type = 'text'
  input.value = request.initial
  input.spellcheck = false
  input.autocomplete = 'off'
  input.dataset.testid = 'save-name-input'
  input.setAttribute('aria-describedby', 'name-dialog-error')
  const suffix = doc.createElement('span')
  suffix.className = 'name-suffix'
  suffix.textContent = `.${request.extension}`
  row.append(input, suffix)

  const error = doc.createElement('p')
  error.id = 'name-dialog-error'
  error.className = 'name-error'
  error.dataset.testid = 'save-name-error'
  error.setAttribute('role', 'alert')
  const hint = doc.createElement('p')
  hint.id = 'name-dialog-hint'
  hint.className = 'name-hint'
  hint.textContent = request.hint

  const buttons = doc.createElement('div')
  buttons.className = 'name-buttons'
  const cancel = doc.createElement('button')
  cancel.type = 'button'
  cancel.textContent = 'Cancel'
  cancel.dataset.testid = 'save-name-cancel'
  const save = doc.createElement('button')
  save.type = 'submit'
  save.className = 'primary'
  save.textContent = 'Save'
  save.dataset.testid = 'save-name-confirm'
  buttons.append(cancel, save)

  form.append(heading, label, row, error, hint, buttons)
  dialog.append(form)
  doc.body.append(dialog)

  return new Promise((resolve) => {
    let answer: string | null = null
    form.addEventListener('submit', (event) => {
      const name = input.value.trim()
      if (name === '') {
        event.preventDefault()
        error.textContent = 'Type a name for the file.'
        input.setAttribute('aria-invalid', 'true')
        input.focus()
        return
      }
      answer = name
    })
    input.addEventListener('input', () => {
      error.textContent = ''
      input.removeAttribute('aria-invalid')
    })
    cancel.addEventListener('click', () => dialog.close())
    dialog.addEventListener('close', () => {
      dialog.remove()
      before?.focus?.()
      resolve(answer)
    })
    dialog.showModal()
    input.focus()
    input.select()
  })
}
