// The Chromium every part of the benchmark drives: Debian's build, headless, without background noise.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const QUIET_CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const LAUNCH_OPTIONS = { executablePath: CHROMIUM_PATH, headless: true, args: QUIET_CHROMIUM_FLAGS };

/** A browser for visits that need only throwaway contexts (an empty profile each). */
export function launchBrowser() {
  return chromium.launch(LAUNCH_OPTIONS);
}

/** A profile on disk that outlives its browser, so a visit can be "reopened" with what it stored. */
export async function createProfile() {
  const directory = await mkdtemp(join(tmpdir(), 'scoreline-bench-profile-'));
  return {
    directory,
    open: () => chromium.launchPersistentContext(directory, LAUNCH_OPTIONS),
    remove: () => rm(directory, { recursive: true, force: true }),
  };
}

/** e.g. "156" from "156.0.8078.108". */
export function majorVersion(browserVersion) {
  return String(browserVersion).split('.')[0];
}
