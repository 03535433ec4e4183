// Real builds, into temporary folders: the production build names nothing on this machine, in its pages,
// its headers, its scripts or its files; the demo build names the emulator in the CSP and in the app alike.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_AUTHORITY_ORIGIN, localOriginsForDemo } from '../../emulator/demo.mjs';

const EMULATOR = 'http://localhost:4999';
const FLAGS = ['SCORELINE_EXTRA_ORIGINS', 'SCORELINE_EXTRA_IDENTITY_ORIGINS', 'SCORELINE_LOCAL_ORIGINS'];
const folders: string[] = [];

/** Builds the app with these build flags (and no others) and returns its files by path. */
async function buildWith(flags: Record<string, string>): Promise<Map<string, string>> {
  const outDir = await mkdtemp(join(tmpdir(), 'scoreline-build-'));
  folders.push(outDir);
  const saved = Object.fromEntries(FLAGS.map((flag) => [flag, process.env[flag]]));
  for (const flag of FLAGS) delete process.env[flag];
  Object.assign(process.env, flags);
  try {
    await build({ logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  } finally {
    for (const flag of FLAGS) {
      if (saved[flag] === undefined) delete process.env[flag];
      else process.env[flag] = saved[flag];
    }
  }
  const files = new Map<string, string>();
  for (const entry of await readdir(outDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(html|js|json|webmanifest)$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(outDir.length + 1), await readFile(path, 'utf8'));
  }
  return files;
}

function policyOf(html: string | undefined): string {
  return /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html ?? '')?.[1] ?? '';
}

afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

describe('builds', { timeout: 300_000 }, () => {
  it('a production build names no origin on this machine and ships no config.json', async () => {
    const files = await buildWith({});
    expect(policyOf(files.get('index.html'))).toContain('connect-src');
    for (const page of ['index.html', 'redirect.html']) expect(policyOf(files.get(page))).not.toContain('localhost');
    expect(files.get('staticwebapp.config.json')).not.toContain('localhost');
    expect(files.has('config.json')).toBe(false);
    for (const [path, text] of files) {
      expect(text, path).not.toContain('http://localhost:');
      expect(text, path).not.toContain(DEMO_AUTHORITY_ORIGIN);
    }
  });

  it('a demo build bakes the emulator into its CSP and into the app that checks config.json', async () => {
    const files = await buildWith({ SCORELINE_LOCAL_ORIGINS: localOriginsForDemo(EMULATOR) });
    for (const page of ['index.html', 'redirect.html']) {
      expect(policyOf(files.get(page))).toContain(EMULATOR);
      expect(policyOf(files.get(page))).toContain(DEMO_AUTHORITY_ORIGIN);
    }
    expect(files.get('staticwebapp.config.json')).toContain(EMULATOR);
    const scriptsNamingIt = [...files].filter(([path, text]) => path.endsWith('.js') && text.includes(EMULATOR) && text.includes(DEMO_AUTHORITY_ORIGIN));
    expect(scriptsNamingIt.length).toBeGreaterThan(0);
  });
});
