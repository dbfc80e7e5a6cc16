// Challenge instructions and hints are Markdown written by someone else: rendered by marked and
// sanitised by DOMPurify before they reach v-html.
import DOMPurify from 'dompurify'
import { marked } from 'marked'

export function renderMarkdown(text: string): string {
  const html = marked.parse(text, { async: false, gfm: true, breaks: false })
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true } })
}
