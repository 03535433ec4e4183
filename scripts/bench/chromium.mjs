// The Chromium every part of the benchmark drives (see find-chromium.mjs), headless, without background noise.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumOrExit } from '../find-chromium.mjs';

/** @type {string | undefined} */
let found;

/** The Chromium to drive; the first call ends the process with one line of advice if there is none. */
export function chromiumPath() {
  found ??= chromiumOrExit();
  return found;
}

function launchOptions() {
  return { executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS };
}

/** A browser for visits that need only throwaway contexts (an empty profile each). */
export function launchBrowser() {
  return chromium.launch(launchOptions());
}

/**
 * A profile on disk that outlives its browser, so a visit can be "reopened" with what it stored.
 * @typedef {{ directory: string, open: () => Promise<import('@playwright/test').BrowserContext>, remove: () => Promise<void> }} Profile
 * @returns {Promise<Profile>}
 */
export async function createProfile() {
  const directory = await mkdtemp(join(tmpdir(), 'scoreline-bench-profile-'));
  return {
    directory,
    open: () => chromium.launchPersistentContext(directory, launchOptions()),
    remove: () => rm(directory, { recursive: true, force: true }),
  };
}

/**
 * e.g. "156" from "156.0.8078.108".
 * @param {string} browserVersion
 */
export function majorVersion(browserVersion) {
  return browserVersion.split('.')[0];
}
