// Issue 18: a control that can be disabled says why. Every element of the lab's components with a
// `:disabled` binding also binds its title (the tooltip and, for a button, its accessible
// description), so the reason can follow the state; a static title cannot.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(__dirname, '..')

function vueFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return vueFiles(path)
    return entry.name.endsWith('.vue') ? [path] : []
  })
}

/** Each opening tag (attributes may span lines) that binds :disabled, with the opening tag of
 *  the <label> around it, if any (a checkbox's reason may sit on its label). */
function disabledTags(source: string): { tag: string; label: string }[] {
  const template = source.slice(source.indexOf('<template'))
  const tags = [...template.matchAll(/<[a-zA-Z][\w-]*\b[^<>]*?:disabled="[^"]*"[^<>]*>/gs)]
  return tags.map((m) => {
    const before = template.slice(0, m.index)
    const open = before.lastIndexOf('<label')
    const inside = open >= 0 && !before.slice(open).includes('</label>')
    const label = inside ? (/<label\b[^<>]*>/s.exec(before.slice(open))?.[0] ?? '') : ''
    return { tag: m[0], label }
  })
}

describe('disabled controls', () => {
  const files = vueFiles(root)

  it('finds the lab’s disabled controls', () => {
    const count = files.reduce((n, f) => n + disabledTags(readFileSync(f, 'utf8')).length, 0)
    // (some 40 today: panels, transport, files, exports, Learn)
    expect(count).toBeGreaterThan(15)
  })

  it('each binds a title that can say why it is disabled', () => {
    const missing: string[] = []
    for (const file of files) {
      for (const { tag, label } of disabledTags(readFileSync(file, 'utf8'))) {
        const bindsTitle = (text: string): boolean => /(:title|v-bind:title)="/.test(text)
        if (!bindsTitle(tag) && !bindsTitle(label) && !/v-bind="/.test(tag)) {
          missing.push(`${relative(root, file)}: ${tag.replace(/\s+/g, ' ').slice(0, 120)}`)
        }
      }
    }
    expect(missing).toEqual([])
  })
})
