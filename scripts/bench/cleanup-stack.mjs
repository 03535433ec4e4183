// Everything the benchmark starts is closed again, last started first, also on Ctrl+C or a crash.

/** @returns {{ defer: (label: string, close: () => unknown) => void, closeAll: () => Promise<void> }} */
export function createCleanupStack({ timeoutMs = 10_000 } = {}) {
  /** @type {{ label: string, close: () => unknown }[]} */
  const pending = [];
  let closing;

  async function closeAll() {
    closing ??= (async () => {
      while (pending.length > 0) {
        const { label, close } = pending.pop();
        try {
          await withTimeout(Promise.resolve().then(close), timeoutMs);
        } catch (error) {
          console.error(`bench: could not close ${label}: ${error instanceof Error ? error.message : error}`);
        }
      }
      closing = undefined;
    })();
    return closing;
  }

  return { defer: (label, close) => pending.push({ label, close }), closeAll };
}

/** Closes everything and leaves with exit code 130/143 when the run is interrupted. */
export function closeOnSignals(cleanup) {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
    process.once(signal, async () => {
      console.error(`\nbench: ${signal}, closing the browser and servers…`);
      await cleanup.closeAll();
      process.exit(code);
    });
  }
}

function withTimeout(promise, ms) {
  let timer;
  const timeout = new Promise((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
