// Types of eslint.config.mjs for the test that imports its zones (tests/architecture).
import type { Linter } from 'eslint'

export interface ImportZone {
  zone: string
  rule: string
  may: string[]
  packages: string[] | '*'
  node?: boolean
}
export const IMPORT_ZONES: ImportZone[]
declare const config: Linter.Config[]
export default config
