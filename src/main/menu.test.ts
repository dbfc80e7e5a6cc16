import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import type { MenuCommand } from '../shared/protocol/labApi'
import { buildMenuTemplate, type MenuOptions } from './menu'

type Item = MenuItemConstructorOptions

function setup(overrides: Partial<MenuOptions> = {}) {
  const sent: MenuCommand[] = []
  const opened: string[] = []
  let cleared = 0
  let about = 0
  const template = buildMenuTemplate(
    { platform: 'linux', isDev: false, appName: 'NN Lab', recent: [], ...overrides },
    {
      send: (command) => sent.push(command),
      openRecent: (path) => opened.push(path),
      clearRecent: () => cleared++,
      showAbout: () => about++
    }
  )
  const menu = (label: string): Item[] =>
    (template.find((m) => m.label === label || m.role === label)?.submenu ?? []) as Item[]
  const find = (items: Item[], label: string): Item => {
    const found = items.find((i) => i.label === label)
    if (!found) throw new Error(`no item ${label}`)
    return found
  }
  const click = (entry: Item): void => (entry.click as unknown as () => void)()
  return { template, menu, find, click, sent, opened, cleared: () => cleared, about: () => about }
}

describe('application menu', () => {
  it('has the File, Edit, View, Train and Help menus in order', () => {
    const { template } = setup()
    expect(template.map((m) => m.label ?? m.role)).toEqual([
      'File',
      'editMenu',
      'View',
      'Train',
      'Challenges',
      'help'
    ])
    const mac = setup({ platform: 'darwin' }).template
    expect(mac.map((m) => m.label ?? m.role)).toEqual([
      'NN Lab',
      'File',
      'editMenu',
      'View',
      'Train',
      'Challenges',
      'windowMenu',
      'help'
    ])
  })

  it('sends each File item as its MenuCommand with the usual accelerators', () => {
    const t = setup()
    const file = t.menu('File')
    const expected: [string, MenuCommand, string | undefined][] = [
      ['New Session', 'new-session', 'CmdOrCtrl+N'],
      ['Open…', 'open-session', 'CmdOrCtrl+O'],
      ['Save', 'save-session', 'CmdOrCtrl+S'],
      ['Save As…', 'save-session-as', 'Shift+CmdOrCtrl+S'],
      ['Import Dataset CSV…', 'import-csv', undefined]
    ]
    for (const [label, command, accelerator] of expected) {
      const entry = t.find(file, label)
      expect(entry.accelerator).toBe(accelerator)
      t.click(entry)
      expect(t.sent.at(-1)).toBe(command)
    }
    expect(file.at(-1)?.role).toBe('quit')
    const figures = t.find(file, 'Export Figure').submenu as Item[]
    for (const entry of figures) t.click(entry)
    expect(t.sent.slice(-6)).toEqual([
      'export-figure-boundary',
      'export-figure-loss',
      'export-figure-accuracy',
      'export-figure-activations',
      'export-figure-network',
      'export-figure-combined'
    ])
    expect(figures.at(-1)?.accelerator).toBe('CmdOrCtrl+E')
    for (const entry of t.find(file, 'Export').submenu as Item[]) t.click(entry)
    expect(t.sent.slice(-6)).toEqual([
      'export-numpy',
      'export-notebook',
      'export-torch',
      'export-weights-json',
      'export-data-csv',
      'export-history-csv'
    ])
  })

  it('has a Challenges menu: the three shipped challenges, Open and Make', () => {
    const t = setup()
    const items = t.menu('Challenges')
    expect(items.map((i) => i.label ?? i.type)).toEqual([
      'Separate XOR with the fewest neurons',
      'Fix a deep sigmoid network that does not learn',
      'The spiral with at most 200 parameters',
      'separator',
      'Open Challenge File…',
      'Make Challenge from This Lab…'
    ])
    for (const entry of items) if (entry.click) t.click(entry)
    expect(t.sent).toEqual([
      'start-challenge:nnlab-xor-fewest-neurons',
      'start-challenge:nnlab-deep-sigmoid',
      'start-challenge:nnlab-spiral-200',
      'open-challenge',
      'make-challenge'
    ])
  })

  it('lists recent sessions and can clear them', () => {
    const empty = setup()
    const emptyRecent = empty.find(empty.menu('File'), 'Open Recent').submenu as Item[]
    expect(emptyRecent[0]).toMatchObject({ label: 'No Recent Sessions', enabled: false })
    expect(empty.find(emptyRecent, 'Clear Recent').enabled).toBe(false)

    const t = setup({
      recent: [
        { path: '/home/a/spiral.nnlab', name: 'spiral.nnlab', openedAt: '2026-01-01T00:00:00Z' },
        { path: '/home/a/xor.nnlab', name: 'xor.nnlab', openedAt: '2026-01-01T00:00:00Z' }
      ]
    })
    const recent = t.find(t.menu('File'), 'Open Recent').submenu as Item[]
    t.click(t.find(recent, 'xor.nnlab'))
    expect(t.opened).toEqual(['/home/a/xor.nnlab'])
    t.click(t.find(recent, 'Clear Recent'))
    expect(t.cleared()).toBe(1)
  })

  it('shows Space for Start/Pause without registering it, so text fields keep their spaces', () => {
    const t = setup()
    const toggle = t.find(t.menu('Train'), 'Start / Pause')
    expect(toggle.accelerator).toBe('Space')
    expect(toggle.registerAccelerator).toBe(false)
    t.click(toggle)
    t.click(t.find(t.menu('Train'), 'Step One Epoch'))
    t.click(t.find(t.menu('Train'), 'Reset'))
    expect(t.find(t.menu('Train'), 'Reset').accelerator).toBeUndefined()
    expect(t.sent).toEqual(['train-toggle', 'train-step', 'train-reset'])
    const mac = setup({ platform: 'darwin' })
    expect(mac.find(mac.menu('Train'), 'Start / Pause (Space)').accelerator).toBeUndefined()
  })

  it('offers reload and devtools only in development', () => {
    const roles = (isDev: boolean) =>
      setup({ isDev })
        .menu('View')
        .map((i) => i.role)
    expect(roles(false)).not.toContain('reload')
    expect(roles(false)).not.toContain('toggleDevTools')
    expect(roles(false)).toEqual(
      expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen'])
    )
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']))
  })

  it('opens About from Help', () => {
    const t = setup()
    t.click(t.find(t.menu('help'), 'About NN Lab'))
    expect(t.about()).toBe(1)
  })
})
