// The app's own history modules (the IndexedDB store, export formats, the import parser, the runs as
// shown, range statistics, the explanation of a score change), built as plain ES modules into the bench site, so a bench page runs the app's
// code paths on their own rather than through the UI.
import { build } from 'vite';

export const HISTORY_MODULES_DIR = 'bench/modules';

/** @typedef {keyof typeof ENTRIES} HistoryModuleName */

const ENTRIES = {
  'indexeddb-store': 'src/lib/history/indexeddb-store.ts',
  'export-formats': 'src/lib/history/export-formats.ts',
  'import-parser': 'src/lib/history/import-parser.ts',
  ranges: 'src/lib/history/ranges.ts',
  'score-runs': 'src/lib/history/score-runs.ts',
  'explain-between': 'src/lib/state/explain-between.ts',
};

/**
 * Builds the modules into `<distDir>/bench/modules/<name>.js`, after the app's build (which empties distDir).
 * @param {{ distDir: string }} options
 */
export async function buildHistoryModules({ distDir }) {
  await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir: `${distDir}/${HISTORY_MODULES_DIR}`,
      emptyOutDir: true,
      target: 'es2022',
      lib: { entry: ENTRIES, formats: ['es'], fileName: (_format, name) => `${name}.js` },
    },
  });
}

/**
 * Where a bench page imports module `name` from, e.g. `historyModuleUrl(appUrl, 'ranges')`.
 * @param {string} appUrl
 * @param {HistoryModuleName} name
 * @returns {string}
 */
export function historyModuleUrl(appUrl, name) {
  return new URL(`${HISTORY_MODULES_DIR}/${name}.js`, appUrl).href;
}
