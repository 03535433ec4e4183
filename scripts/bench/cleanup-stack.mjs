// Everything the benchmark starts is closed again, last started first, also on Ctrl+C or a crash.

/** @returns {{ defer: (label: string, close: () => unknown) => void, closeAll: () => Promise<void> }} */
export function createCleanupStack({ timeoutMs = 10_000 } = {}) {
  /** @type {{ label: string, close: () => unknown }[]} */
  const pending = [];
  let closing;

  async function drain() {
    while (pending.length > 0) {
      const { label, close } = pending.pop();
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

  return { defer: (label, close) => pending.push({ label, close }), closeAll };
}

/**
 * Closes everything on Ctrl+C, SIGTERM or an error nobody caught, then leaves (130, 143 or 1).
 * @returns {{ readonly interrupted: boolean }} whether that happened, so the main flow does not report it again
 */
export function closeWhenInterrupted(cleanup) {
  let interrupted = false;
  const leave = async (message, code) => {
    interrupted = true;
    console.error(`\nbench: ${message}\nbench: closing the browsers and servers…`);
    await cleanup.closeAll();
    process.exit(code);
  };
  process.once('SIGINT', () => leave('interrupted (SIGINT)', 130));
  process.once('SIGTERM', () => leave('stopped (SIGTERM)', 143));
  const crashed = (error) => `crashed: ${error?.stack ?? error}${error?.code === 'EADDRINUSE' ? '\n(is another benchmark running?)' : ''}`;
  process.once('uncaughtException', (error) => leave(crashed(error), 1));
  process.once('unhandledRejection', (error) => leave(crashed(error), 1));
  return {
    get interrupted() {
      return interrupted;
    },
  };
}

function withTimeout(promise, ms) {
  let timer;
  const timeout = new Promise((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
