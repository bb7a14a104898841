// Lint keeps the layers of docs/architecture.md: protocol imports nothing of ours, packages never import an app,
// only tests import the test kit, the test kit does not depend on the server, packages are used only through their
// entry point (tests may also use the server's second one, @mapboard/server/testing), and no import cycles. Inside
// the web app, its folders are layered too (WEB_LAYERS).
import { fileURLToPath } from 'node:url'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import importX from 'eslint-plugin-import-x'
import globals from 'globals'

const deepImport = {
  group: ['@mapboard/*/*'],
  message: 'Use a package only through its entry point.',
}
// Tests start the real server through its testing entry point, and build it (for a process) through its build
// entry point; app code never does.
const deepImportInTests = {
  group: ['@mapboard/*/*', '!@mapboard/server/testing', '!@mapboard/server/build'],
  message: deepImport.message,
}
const testKitImport = {
  group: ['@mapboard/test-kit'],
  message: 'Only tests import the test kit.',
}
const appImport = {
  group: ['@mapboard/server', '@mapboard/web'],
  message: 'Nothing imports an app.',
}
const webImport = {
  group: ['@mapboard/web'],
  message: 'Nothing imports the web app.',
}
const serverFromTestKit = {
  group: ['@mapboard/server', '@mapboard/server/*'],
  message:
    'The test kit does not depend on the server; a server test helper lives in @mapboard/server/testing.',
}
const testingFolderImport = {
  group: ['**/testing', '**/testing/**'],
  message: "Only tests start the server this way; the server's own code does not import its testing folder.",
}

/**
 * The web app's folders under apps/web/src, lowest first (apps/web/README.md): each may import only those before
 * it, so no two folders import each other, even through a third. App.tsx and main.tsx sit on top of them all.
 */
const WEB_LAYERS = [
  'api',
  'board',
  'ui',
  'newInformation',
  'closing',
  'record',
  'canvas',
  'checklist',
  'activity',
  'meeting',
  'outline',
  'invite',
  'chair',
  'screen',
  'join',
  'landing',
  'App.tsx',
  'main.tsx',
]

/** import-x/no-restricted-paths for WEB_LAYERS: one zone per layer, refusing every layer after it. */
function webLayers(layers) {
  const at = (layer) => `apps/web/src/${layer}`
  const zones = layers.slice(0, -1).map((layer, index) => {
    const below = layers.slice(0, index)
    return {
      target: at(layer),
      from: layers.slice(index + 1).map(at),
      message: `Web layers (apps/web/README.md): ${layer} may import ${below.length > 0 ? `only ${below.join(', ')}` : 'no other folder'}.`,
    }
  })
  return {
    files: ['apps/web/src/**'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { basePath: fileURLToPath(new URL('.', import.meta.url)), zones },
      ],
    },
  }
}

/** no-restricted-imports for one layer: the shared rules plus that layer's own. */
function layer(files, extraPatterns, { deep = deepImport, ignores = [] } = {}) {
  return {
    files,
    ignores,
    rules: {
      'no-restricted-imports': ['error', { patterns: [deep, ...extraPatterns] }],
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
  layer(['packages/map-model/test/**'], [appImport]),
  layer(['packages/test-kit/**'], [webImport, serverFromTestKit]),
  layer(['apps/*/src/**'], [appImport, testKitImport]),
  layer(['apps/server/src/**'], [appImport, testKitImport, testingFolderImport], {
    ignores: ['apps/server/src/testing/**'],
  }),
  // Unit tests beside the web's code may use the test kit (seeded cases); the code they test may not.
  layer(['apps/web/src/**/*.test.ts'], [appImport]),
  // The bench starts the server in its own process (src/servers, gateCostRun.ts); the load generator reaches it
  // over sockets only.
  layer(['packages/bench/**'], [webImport], { deep: deepImportInTests }),
  layer(['packages/bench/src/load/**', 'packages/bench/src/workloads/**'], [appImport, testKitImport]),
  layer(['apps/*/test/**', 'apps/*/e2e/**'], [webImport], { deep: deepImportInTests }),
  webLayers(WEB_LAYERS),
)
