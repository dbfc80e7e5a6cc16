import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import vueParser from 'vue-eslint-parser'
import prettier from 'eslint-config-prettier'
import { builtinModules } from 'node:module'
import { dirname, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(fileURLToPath(import.meta.url))

/** docs/ARCHITECTURE.md's "may import" column, one zone per folder (the most specific zone of a
 *  file applies; tests are exempt). `may`: the folders besides its own whose files it may
 *  import; `packages`: the npm packages it may import ('*': any but electron); `node`: whether
 *  Node's built-in modules are allowed. */
export const IMPORT_ZONES = [
  { zone: 'src/shared/engine', rule: 'nothing outside itself', may: [], packages: [] },
  {
    zone: 'src/shared/protocol',
    rule: 'only the engine and zod',
    may: ['src/shared/engine'],
    packages: ['zod']
  },
  {
    zone: 'src/shared/trainer',
    rule: 'only the engine, the protocol and the sweeps',
    may: ['src/shared/engine', 'src/shared/protocol', 'src/shared/sweep'],
    packages: []
  },
  {
    zone: 'src/shared/sweep',
    rule: 'only the engine and the protocol',
    may: ['src/shared/engine', 'src/shared/protocol'],
    packages: []
  },
  {
    zone: 'src/shared/session',
    rule: "only the engine, the protocol's one RunConfig schema and zod",
    may: ['src/shared/engine', 'src/shared/protocol/trainerSchemas'],
    packages: ['zod']
  },
  {
    zone: 'src/shared/import',
    rule: 'only the engine and papaparse',
    may: ['src/shared/engine'],
    packages: ['papaparse']
  },
  {
    zone: 'src/shared/challenge',
    rule: "only the engine, the session format, the protocol's one RunConfig schema and zod",
    may: ['src/shared/engine', 'src/shared/session', 'src/shared/protocol/trainerSchemas'],
    packages: ['zod']
  },
  {
    zone: 'src/shared/export',
    rule: 'only the engine and the session format',
    may: ['src/shared/engine', 'src/shared/session'],
    packages: []
  },
  {
    zone: 'src/main',
    rule: 'only src/shared, electron, zod and Node',
    may: ['src/shared'],
    packages: ['electron', 'zod'],
    node: true
  },
  {
    zone: 'src/preload',
    rule: 'only the protocol and electron',
    may: ['src/shared/protocol'],
    packages: ['electron']
  },
  {
    zone: 'src/renderer',
    rule: 'src/shared and browser packages, never src/main, src/preload or (but from web-main.ts) src/web',
    may: ['src/shared'],
    packages: '*'
  },
  {
    zone: 'src/renderer/src/web-main.ts',
    rule: 'src/shared, src/web and browser packages',
    may: ['src/shared', 'src/web'],
    packages: '*'
  },
  { zone: 'src/web', rule: 'only src/shared', may: ['src/shared'], packages: [] },
  {
    // src/main/files holds the Node-only file helpers (atomic writes, bounded reads) that the CLI
    // shares with main; nothing there imports electron.
    zone: 'src/cli',
    rule: 'only src/shared, src/main/files and Node',
    may: ['src/shared', 'src/main/files'],
    packages: [],
    node: true
  }
]

const ALIASES = { '@shared/': 'src/shared/', '@renderer/': 'src/renderer/src/' }
const NODE_BUILTINS = new Set(builtinModules)
const inside = (path, folder) => path === folder || path.startsWith(folder + '/')

/** What `specifier` (imported from `file`, both relative to the root) is: a file of the
 *  project, a Node built-in or an npm package. */
function classify(specifier, file) {
  const spec = specifier.split('?')[0]
  for (const [alias, folder] of Object.entries(ALIASES)) {
    if (spec.startsWith(alias)) return { path: folder + spec.slice(alias.length) }
  }
  if (spec.startsWith('.')) return { path: relative(root, resolve(root, dirname(file), spec)) }
  if (spec.startsWith('node:') || NODE_BUILTINS.has(spec.split('/')[0])) return { node: true }
  const parts = spec.split('/')
  return { pkg: spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0] }
}

function allowed(zone, target) {
  if (target.node) return zone.node === true
  if (target.pkg) {
    if (zone.packages === '*') return target.pkg !== 'electron'
    return zone.packages.includes(target.pkg)
  }
  const own = zone.zone.endsWith('.ts') ? dirname(zone.zone) : zone.zone
  return [own, ...zone.may].some((folder) => inside(target.path, folder))
}

/** The import-zones rule: every import, re-export and dynamic import is checked against the
 *  zone of the importing file. */
const importZones = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      outside:
        "'{{ specifier }}' is outside what {{ zone }} may import: {{ rule }} (docs/ARCHITECTURE.md)."
    }
  },
  create(context) {
    const file = relative(root, context.filename).split('\\').join('/')
    const zone = IMPORT_ZONES.filter((z) => inside(file, z.zone)).sort(
      (a, b) => b.zone.length - a.zone.length
    )[0]
    if (!zone) return {}
    const check = (source) => {
      if (!source || typeof source.value !== 'string') return
      if (allowed(zone, classify(source.value, file))) return
      context.report({
        node: source,
        messageId: 'outside',
        data: { specifier: source.value, zone: zone.zone, rule: zone.rule }
      })
    }
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source)
    }
  }
}

export default tseslint.config(
  {
    ignores: [
      '**/node_modules',
      '**/out',
      '**/dist',
      'e2e/artifacts',
      'bench/build',
      'test-results',
      'playwright-report'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: {
      parser: vueParser,
      parserOptions: { parser: tseslint.parser, sourceType: 'module' }
    }
  },
  {
    // TypeScript checks undefined names itself (and knows DOM/Node globals); typescript-eslint
    // advises turning the core rule off for TS and Vue files.
    files: ['**/*.ts', '**/*.vue'],
    rules: { 'no-undef': 'off' }
  },
  {
    rules: {
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      'vue/multi-word-component-names': 'off',
      'vue/require-default-prop': 'off'
    }
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**', 'bench/**'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly'
      }
    }
  },
  {
    // The few CommonJS scripts (shared by plain node, vitest and Playwright's config loader).
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' }
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    files: ['src/**/*.ts', 'src/**/*.vue'],
    ignores: ['**/*.test.ts'],
    plugins: { nnlab: { rules: { 'import-zones': importZones } } },
    rules: { 'nnlab/import-zones': 'error' }
  },
  prettier
)
