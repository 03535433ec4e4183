// Everything the benchmark starts is closed again, last started first, also on Ctrl+C or a crash.

/** @typedef {(label: string, close: () => unknown) => void} Defer */
/** @typedef {{ defer: Defer, closeAll: () => Promise<void> }} CleanupStack */

/** @returns {CleanupStack} */
export function createCleanupStack({ timeoutMs = 10_000 } = {}) {
  /** @type {{ label: string, close: () => unknown }[]} */
  const pending = [];
  /** @type {Promise<void> | undefined} */
  let closing;

  async function drain() {
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      const { label, close } = next;
      try {
        await withTimeout(Promise.resolve().then(close), timeoutMs);
      } catch (error) {
        console.error(`bench: could not close ${label}: ${error instanceof Error ? error.message : error}`);
      }
    }
  }

  /** Callers arriving while it runs (a signal during the normal shutdown) wait for the same pass. */
  function closeAll() {
    closing ??= drain().finally(() => (closing = undefined));
    return closing;
  }

  return { defer: (label, close) => void pending.push({ label, close }), closeAll };
}

/**
 * Closes everything on Ctrl+C, SIGTERM or an error nobody caught, then leaves (130, 143 or 1).
 * @param {CleanupStack} cleanup
 * @returns {{ readonly interrupted: boolean }} whether that happened, so the main flow does not report it again
 */
export function closeWhenInterrupted(cleanup) {
  let interrupted = false;
  /** @param {string} message @param {number} code */
  const leave = async (message, code) => {
    interrupted = true;
    console.error(`\nbench: ${message}\nbench: closing the browsers and servers…`);
    await cleanup.closeAll();
    process.exit(code);
  };
  process.once('SIGINT', () => leave('interrupted (SIGINT)', 130));
  process.once('SIGTERM', () => leave('stopped (SIGTERM)', 143));
  /** @param {unknown} error */
  const crashed = (error) => {
    const { stack, code } = /** @type {{ stack?: string, code?: string }} */ (error instanceof Error ? error : {});
    return `crashed: ${stack ?? error}${code === 'EADDRINUSE' ? '\n(is another benchmark running?)' : ''}`;
  };
  process.once('uncaughtException', (error) => leave(crashed(error), 1));
  process.once('unhandledRejection', (error) => leave(crashed(error), 1));
  return {
    get interrupted() {
      return interrupted;
    },
  };
}

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @returns {Promise<T>}
 */
function withTimeout(promise, ms) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  /** @type {Promise<never>} */
  const timeout = new Promise((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
