import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

// The layers of src/lib point one way: ui → state → services (config, auth, defender, history, util).
// Each rule names what a layer may not import; a dynamic import() is held to the same rule.
const SVELTE = { regex: String.raw`^svelte(/|$)|\.svelte(\.[jt]s)?$`, message: 'Services stay free of Svelte: no svelte, svelte/*, .svelte or rune (.svelte.ts) modules.' };
const STATE = { regex: String.raw`(^|/)state(/|$)`, message: 'Services never import state: state imports services, not the other way round.' };
const UI = { regex: String.raw`(^|/)ui(/|$)`, message: 'Only the UI imports the UI.' };

/** `no-restricted-imports` and its twin for `import()`, for one layer. */
function layerRules(restrictions) {
  return {
    'no-restricted-imports': ['error', { patterns: restrictions }],
    'no-restricted-syntax': [
      'error',
      // A selector's regex ends at the first slash: write the slashes inside it as \x2F.
      ...restrictions.map(({ regex, message }) => ({ selector: `ImportExpression > Literal.source[value=/${regex.replaceAll('/', String.raw`\x2F`)}/]`, message })),
    ],
  };
}

export default ts.config(
  { ignores: ['dist/', 'dev-dist/', 'node_modules/', 'api/node_modules/', 'api/src/relay/', 'test-results/', 'playwright-report/', '.bench/', '.demo/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } },
  },
  {
    files: ['src/lib/{config,auth,defender,history,recommendations,watch,sync,util}/**/*'],
    rules: layerRules([SVELTE, STATE, UI]),
  },
  {
    files: ['src/lib/state/**/*'],
    rules: layerRules([UI]),
  },
);
