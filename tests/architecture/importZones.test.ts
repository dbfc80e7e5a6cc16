// docs/ARCHITECTURE.md's import rules are ESLint's nnlab/import-zones rule (eslint.config.mjs):
// for every zone, an import it may not make is an error and one it may make is not.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'
import { IMPORT_ZONES } from '../../eslint.config.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const eslint = new ESLint({ cwd: root, cache: false })

/** The zone rule's messages for `code` as if it were the file `file` (it need not exist). */
async function zoneErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) })
  return result.messages.filter((m) => m.ruleId === 'nnlab/import-zones').map((m) => m.message)
}

interface ZoneCase {
  file: string
  bad: string[]
  good: string[]
}

const CASES: Record<string, ZoneCase> = {
  'src/shared/engine': {
    file: 'src/shared/engine/probe.ts',
    bad: [
      "import { readFileSync } from 'node:fs'",
      "import { z } from 'zod'",
      "import type { TrainerEvent } from '../protocol/trainerMessages'",
      "export { startTrainerService } from '../trainer/trainerService'",
      "const io = import('../../cli/io')"
    ],
    good: ["import { sigmoid } from './activations'", "export * from './types'"]
  },
  'src/shared/engine (a subfolder)': {
    file: 'src/shared/engine/wasm/probe.ts',
    bad: ["import { parseSession } from '../../session'"],
    good: ["import { numpySum } from '../numeric'"]
  },
  'src/shared/protocol': {
    file: 'src/shared/protocol/probe.ts',
    bad: [
      "import { startTrainerService } from '../trainer/trainerService'",
      "import { ref } from 'vue'"
    ],
    good: ["import type { RunConfig } from '../engine/types'", "import { z } from 'zod'"]
  },
  'src/shared/trainer': {
    file: 'src/shared/trainer/probe.ts',
    bad: ["import { parseSession } from '../session'", "import { z } from 'zod'"],
    good: [
      "import type { TrainerEvent } from '../protocol/trainerMessages'",
      "import { TrainingRun } from '../engine'",
      "import { createSweepService } from '../sweep/sweepService'"
    ]
  },
  'src/shared/sweep': {
    file: 'src/shared/sweep/probe.ts',
    bad: [
      "import { startTrainerService } from '../trainer/trainerService'",
      "import { Worker } from 'node:worker_threads'"
    ],
    good: [
      "import type { SweepRow } from '../protocol/trainerMessages'",
      "import { TrainingRun } from '../engine/train'"
    ]
  },
  'src/shared/session': {
    file: 'src/shared/session/probe.ts',
    bad: [
      "import type { LabApi } from '../protocol/labApi'",
      "import { numpyScript } from '../export/numpyScript'"
    ],
    good: ["import type { RunSnapshot } from '../engine/types'", "import { z } from 'zod'"]
  },
  'src/shared/import': {
    file: 'src/shared/import/probe.ts',
    bad: [
      "import { parseSession } from '../session'",
      "import { readFileSync } from 'node:fs'",
      "import { z } from 'zod'"
    ],
    good: ["import Papa from 'papaparse'", "import { MAX_CSV_POINTS } from '../engine/limits'"]
  },
  'src/shared/challenge': {
    file: 'src/shared/challenge/probe.ts',
    bad: [
      "import type { LabApi } from '../protocol/labApi'",
      "import { numpyScript } from '../export/numpyScript'",
      "import { readFileSync } from 'node:fs'"
    ],
    good: [
      "import { parseSession } from '../session'",
      "import { runConfigSchema } from '../protocol/trainerSchemas'",
      "import { z } from 'zod'"
    ]
  },
  'src/shared/export': {
    file: 'src/shared/export/probe.ts',
    bad: [
      "import type { LabApi } from '../protocol/labApi'",
      "import { writeFileSync } from 'node:fs'"
    ],
    good: ["import { parseSession } from '../session'", "import { predict } from '../engine'"]
  },
  'src/main': {
    file: 'src/main/probe.ts',
    bad: [
      "import { useTrainingStore } from '../renderer/src/stores/training'",
      "import { ref } from 'vue'"
    ],
    good: [
      "import { app } from 'electron'",
      "import { join } from 'node:path'",
      "import type { LabApi } from '../shared/protocol/labApi'",
      "import { z } from 'zod'"
    ]
  },
  'src/preload': {
    file: 'src/preload/probe.ts',
    bad: [
      "import { TrainingRun } from '../shared/engine'",
      "import { readFileSync } from 'node:fs'"
    ],
    good: [
      "import { contextBridge } from 'electron'",
      "import { CHANNEL } from '../shared/protocol/ipcChannels'"
    ]
  },
  'src/renderer': {
    file: 'src/renderer/src/stores/probe.ts',
    bad: [
      "import { buildMenu } from '../../../main/menu'",
      "import '../../../preload/index'",
      "import { installWebHost } from '../../../web/installWebHost'",
      "import { ipcRenderer } from 'electron'",
      "import { readFileSync } from 'node:fs'"
    ],
    good: [
      "import type { RunConfig } from '@shared/engine/types'",
      "import { defineStore } from 'pinia'",
      "import { useSessionStore } from './session'"
    ]
  },
  'src/renderer/src/web-main.ts': {
    file: 'src/renderer/src/web-main.ts',
    bad: ["import '../../main/index'"],
    good: ["import '../../web/install'", "import './main'"]
  },
  'src/web': {
    file: 'src/web/probe.ts',
    bad: ["import App from '../renderer/src/App.vue'", "import { ipcRenderer } from 'electron'"],
    good: [
      "import type { LabApi } from '../shared/protocol/labApi'",
      "import { probe } from './harness'"
    ]
  },
  'src/cli': {
    file: 'src/cli/probe.ts',
    bad: [
      "import { registerFileHandlers } from '../main/ipc/registerFileHandlers'",
      "import { app } from 'electron'",
      "import { useTrainingStore } from '../renderer/src/stores/training'"
    ],
    good: [
      "import { readFileSync } from 'node:fs'",
      "import { TrainingRun } from '../shared/engine'",
      "import { writeFileSafely } from '../main/files/atomicWrite'"
    ]
  }
}

describe('import zones (eslint nnlab/import-zones)', () => {
  it('has a case for every zone of eslint.config.mjs', () => {
    const covered = new Set(Object.keys(CASES).map((name) => name.replace(/ \(.*\)$/, '')))
    expect([...covered].sort()).toEqual(IMPORT_ZONES.map((z) => z.zone).sort())
  })

  for (const [name, { file, bad, good }] of Object.entries(CASES)) {
    it(`${name}: rejects what it may not import and accepts what it may`, async () => {
      for (const line of bad) {
        const errors = await zoneErrors(file, `${line}\n`)
        expect(errors, line).toHaveLength(1)
        expect(errors[0], line).toMatch(
          /^'.+' is outside what src\/.+ may import: .+ \(docs\/ARCHITECTURE\.md\)\.$/
        )
      }
      expect(await zoneErrors(file, good.join('\n') + '\n')).toEqual([])
    })
  }

  it('does not apply to tests, which may import test tools and fixtures from anywhere', async () => {
    const code = "import { readFileSync } from 'node:fs'\nimport { it } from 'vitest'\n"
    expect(await zoneErrors('src/shared/engine/probe.test.ts', code)).toEqual([])
  })
})
