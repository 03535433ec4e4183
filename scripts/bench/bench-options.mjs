// Command-line options of `npm run bench`.

export const USAGE = `usage: npm run bench -- [--runs N | --quick] [--strict]
  --runs N   runs per figure, medians printed (default 5)
  --quick    2 runs per figure
  --strict   exit code 1 when a figure is outside its budget`;

/** @typedef {{ runs: number, strict: boolean, help: boolean }} BenchOptions */

/**
 * @param {string[]} args
 * @returns {BenchOptions}
 */
export function parseBenchOptions(args) {
  const options = { runs: 5, strict: false, help: false };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const [name, inlineValue] = arg.split('=', 2);
    if (name === '--quick') options.runs = 2;
    else if (name === '--strict') options.strict = true;
    else if (name === '--help' || name === '-h') options.help = true;
    else if (name === '--runs') {
      const text = inlineValue ?? args[++i];
      const value = Number(text);
      if (!Number.isInteger(value) || value < 1) throw new Error(`--runs wants a whole number of at least 1, not "${text}"`);
      options.runs = value;
    } else throw new Error(`unknown option "${arg}"`);
  }
  return options;
}
