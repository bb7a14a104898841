// Lint keeps the layers of docs/architecture.md: protocol imports nothing of ours, packages never import an app,
// only tests import the test kit, packages are used only through their entry point, and no import cycles.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import importX from 'eslint-plugin-import-x'
import globals from 'globals'

const deepImport = {
  group: ['@mapboard/*/*'],
  message: 'Use a package only through its entry point.',
}
const testKitImport = {
  group: ['@mapboard/test-kit'],
  message: 'Only tests import the test kit.',
}
const appImport = {
  group: ['@mapboard/server', '@mapboard/web'],
  message: 'Nothing imports an app.',
}

/** no-restricted-imports for one layer: the shared rules plus that layer's own. */
function layer(files, extraPatterns) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: [deepImport, ...extraPatterns] }],
    },
  }
}

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'test-artifacts/**', '**/*.tsbuildinfo'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-duplicates': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Name what a module exports; no `export *`.' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  layer(
    ['packages/protocol/**'],
    [{ group: ['@mapboard/*'], message: 'protocol carries bytes and imports nothing of ours.' }],
  ),
  layer(['packages/map-model/**'], [appImport, testKitImport]),
  // The record draws a snapshot and knows nothing of rooms, stores or the wire: map-model is all it imports of ours.
  layer(
    ['packages/record/**'],
    [
      appImport,
      testKitImport,
      {
        group: ['@mapboard/protocol'],
        message: 'The record imports map-model only (its roles are ActorRole).',
      },
    ],
  ),
  layer(['packages/test-kit/**'], [{ group: ['@mapboard/web'], message: 'Nothing imports the web app.' }]),
  layer(['apps/*/src/**'], [appImport, testKitImport]),
  // The bench starts the server in its own process; the load generator reaches it over sockets only.
  layer(['packages/bench/**'], [{ group: ['@mapboard/web'], message: 'Nothing imports the web app.' }]),
  layer(['packages/bench/src/load/**', 'packages/bench/src/workloads/**'], [appImport, testKitImport]),
  layer(
    ['apps/*/test/**', 'apps/*/e2e/**'],
    [{ group: ['@mapboard/web'], message: 'Nothing imports the web app.' }],
  ),
)
