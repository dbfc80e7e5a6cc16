// Export actions: PNG figures (Save dialog or clipboard) and the text exports (NumPy script,
// Jupyter notebook, PyTorch script, weights JSON, data CSV, history CSV). Each asks the trainer
// for a snapshot first, so what is exported is exactly the run at that moment. Options are shared by the Export menu, the
// application menu commands and the activation plots (their z range).
import { ref } from 'vue'
import {
  historyCsv,
  logIntervalFor,
  notebookExport,
  numpyScript,
  splitDatasetCsv,
  torchScript,
  weightsJson
} from '@shared/export'
import type { RunSnapshot } from '@shared/engine/types'
import type { FileFilter } from '@shared/protocol/labApi'
import { useSessionStore } from '@renderer/stores/session'
import { usePreferencesStore } from '@renderer/stores/preferences'
import { useDatasetStore } from '@renderer/stores/dataset'
import { UNTITLED } from '@renderer/stores/session'
import type { ChartTheme } from '../charts/setup'
import { canvasToPng, type FigureBackground } from './canvas'
import { exportFileName, FIGURE_LABELS, figureFileName, type FigureKind } from './figureText'
import { figureThemeFrom, LIGHT_FIGURE_THEME, type FigureTheme } from './figureTheme'
import { renderFigure, type FigureScale } from './renderFigure'

export type DataExportKind =
  'numpy' | 'notebook' | 'torch' | 'weights-json' | 'data-csv' | 'history-csv'

const figureScale = ref<FigureScale>(2)
const figureBackground = ref<FigureBackground>('theme')
const figureTitle = ref(true)
/** The activation plots' z range, shared with the exported activation figure. */
const activationRange = ref<[number, number]>([-5, 5])
/** The last export's outcome, for tests and the status line. */
const lastExport = ref<{ name: string; bytes: number } | null>(null)
const exporting = ref(false)

const PNG_FILTERS: FileFilter[] = [{ name: 'PNG image', extensions: ['png'] }]

const DATA_EXPORTS: Record<
  DataExportKind,
  {
    label: string
    what: string
    ext: string
    filter: FileFilter
    build(snapshot: RunSnapshot): string
  }
> = {
  numpy: {
    label: 'NumPy script',
    what: 'model',
    ext: 'py',
    filter: { name: 'Python script', extensions: ['py'] },
    build: numpyScript
  },
  notebook: {
    label: 'Jupyter notebook',
    what: 'run',
    ext: 'ipynb',
    filter: { name: 'Jupyter notebook', extensions: ['ipynb'] },
    // The Training log's own interval, so the notebook prints the same lines.
    build: (snapshot) =>
      notebookExport(snapshot, {
        printEvery: logIntervalFor(snapshot.config.training.epochLimit)
      })
  },
  torch: {
    label: 'PyTorch script',
    what: 'torch',
    ext: 'py',
    filter: { name: 'Python script', extensions: ['py'] },
    build: torchScript
  },
  'weights-json': {
    label: 'Weights (JSON)',
    what: 'weights',
    ext: 'json',
    filter: { name: 'JSON', extensions: ['json'] },
    build: weightsJson
  },
  'data-csv': {
    label: 'Data (CSV)',
    what: 'data',
    ext: 'csv',
    filter: { name: 'CSV', extensions: ['csv'] },
    build: (snapshot) => splitDatasetCsv(snapshot.train, snapshot.test)
  },
  'history-csv': {
    label: 'Loss history (CSV)',
    what: 'history',
    ext: 'csv',
    filter: { name: 'CSV', extensions: ['csv'] },
    build: (snapshot) => historyCsv(snapshot.history)
  }
}

export const DATA_EXPORT_LABELS: Record<DataExportKind, string> = {
  numpy: DATA_EXPORTS.numpy.label,
  notebook: DATA_EXPORTS.notebook.label,
  torch: DATA_EXPORTS.torch.label,
  'weights-json': DATA_EXPORTS['weights-json'].label,
  'data-csv': DATA_EXPORTS['data-csv'].label,
  'history-csv': DATA_EXPORTS['history-csv'].label
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The figure's colours: the screen's (a dark figure in dark mode) unless White is chosen. */
export function figureTheme(
  background: FigureBackground,
  dark: boolean,
  screen: () => ChartTheme
): FigureTheme {
  return background !== 'white' && dark ? figureThemeFrom(screen()) : LIGHT_FIGURE_THEME
}

/** What names the exported files: the session's name, or for an unsaved session that trains on
 *  an imported file, that file's name ("iris-epoch300-boundary.png"). */
export function exportStem(sessionName: string, importedName: string | null): string {
  if (sessionName !== UNTITLED || !importedName) return sessionName
  return importedName.replace(/\.(csv|tsv|txt)$/i, '')
}

export function useFigureExport() {
  const session = useSessionStore()
  const preferences = usePreferencesStore()
  const dataset = useDatasetStore()

  /** The name exports carry (see exportStem). */
  function stem(): string {
    const imported = dataset.kind === 'csv' ? (dataset.imported?.name ?? null) : null
    return exportStem(session.name, imported)
  }

  async function figurePng(kind: FigureKind, snapshot: RunSnapshot): Promise<Uint8Array> {
    // The screen's theme (Chart.js's module, already loaded by the lab's charts).
    const { prefersDark, readChartTheme } = await import('../charts/setup')
    const canvas = renderFigure(
      kind,
      { snapshot, sessionName: stem(), activationRange: activationRange.value },
      {
        scale: figureScale.value,
        background: figureBackground.value === 'transparent' ? 'transparent' : 'solid',
        theme: figureTheme(figureBackground.value, prefersDark(), readChartTheme),
        title: figureTitle.value,
        // The figure follows the curves' scale on screen.
        logLoss: preferences.lossScale === 'log'
      }
    )
    return canvasToPng(canvas)
  }

  async function withSnapshot(
    heading: string,
    work: (snapshot: RunSnapshot) => Promise<void>
  ): Promise<void> {
    if (exporting.value) return
    exporting.value = true
    try {
      await work(await session.requestSnapshot())
    } catch (error) {
      session.showError(heading, errorText(error))
    } finally {
      exporting.value = false
    }
  }

  /** Renders the figure and offers a Save dialog. */
  function exportFigure(kind: FigureKind): Promise<void> {
    const heading = `Could not export the ${FIGURE_LABELS[kind].toLowerCase()}`
    return withSnapshot(heading, async (snapshot) => {
      const png = await figurePng(kind, snapshot)
      const result = await window.lab.exportFile({
        suggestedName: figureFileName(stem(), snapshot.epoch, kind),
        filters: PNG_FILTERS,
        data: png
      })
      if (!result.ok) session.showError(heading, result.message)
      else if (result.value) lastExport.value = { name: result.value.name, bytes: png.length }
    })
  }

  /** Renders the figure and puts it on the clipboard. */
  function copyFigure(kind: FigureKind): Promise<void> {
    const heading = `Could not copy the ${FIGURE_LABELS[kind].toLowerCase()}`
    return withSnapshot(heading, async (snapshot) => {
      const png = await figurePng(kind, snapshot)
      const result = await window.lab.copyImageToClipboard(png)
      if (!result.ok) session.showError(heading, result.message)
      else
        session.showInfo('Copied', `The ${FIGURE_LABELS[kind].toLowerCase()} is on the clipboard.`)
    })
  }

  function exportData(kind: DataExportKind): Promise<void> {
    const spec = DATA_EXPORTS[kind]
    const heading = `Could not export the ${spec.label.toLowerCase()}`
    return withSnapshot(heading, async (snapshot) => {
      const text = spec.build(snapshot)
      const result = await window.lab.exportFile({
        suggestedName: exportFileName(stem(), snapshot.epoch, spec.what, spec.ext),
        filters: [spec.filter],
        data: text
      })
      if (!result.ok) session.showError(heading, result.message)
      else if (result.value) lastExport.value = { name: result.value.name, bytes: text.length }
    })
  }

  return {
    figureScale,
    figureBackground,
    figureTitle,
    activationRange,
    lastExport,
    exporting,
    figurePng,
    exportFigure,
    copyFigure,
    exportData
  }
}
