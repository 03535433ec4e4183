// Builds the app for the local emulator: same code as a production build, plus the emulator's origin
// (a sign-in authority and the API at once) in the Content-Security-Policy.
import { build } from 'vite';

export const EMULATOR_PORT = Number(process.env.SCORELINE_EMULATOR_PORT ?? 4010);
export const APP_PORT = Number(process.env.SCORELINE_APP_PORT ?? 4173);
export const EMULATOR_ORIGIN = `http://localhost:${EMULATOR_PORT}`;

export async function buildForEmulator({ outDir = 'dist', quiet = true } = {}) {
  process.env.SCORELINE_EXTRA_IDENTITY_ORIGINS = EMULATOR_ORIGIN;
  await build({ logLevel: quiet ? 'warn' : 'info', build: { outDir, emptyOutDir: true } });
}
