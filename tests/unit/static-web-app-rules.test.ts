import { describe, expect, it } from 'vitest';
import { answerFor, globMatches, readStaticWebAppConfig } from '../../scripts/static-web-app-rules.mjs';

const config = readStaticWebAppConfig({
  globalHeaders: { 'Content-Security-Policy': "default-src 'self'; frame-ancestors 'none'", 'X-Content-Type-Options': 'nosniff', 'X-Powered-By': 'x' },
  routes: [
    { route: '/sw.js', headers: { 'Cache-Control': 'no-store' } },
    { route: '/redirect.html', headers: { 'Cache-Control': 'no-store', 'content-security-policy': "default-src 'self'; frame-ancestors 'self'", 'X-Powered-By': '' } },
    { route: '/assets/*', headers: { 'Cache-Control': 'immutable' } },
  ],
  navigationFallback: { rewrite: '/index.html', exclude: ['/redirect.html', '/assets/*', '*.{json,js}'] },
  mimeTypes: { '.webmanifest': 'application/manifest+json' },
});
const files = new Set(['index.html', 'redirect.html', 'sw.js', 'assets/app-1.js', 'manifest.webmanifest', 'config.json']);
const answer = (path: string) => answerFor(config, path, (file) => files.has(file));

describe('Static Web Apps rules', () => {
  it('sends the global headers on every answer', () => {
    expect(answer('/').headers).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': "default-src 'self'; frame-ancestors 'none'" });
    expect(answer('/').file).toBe('index.html');
    expect(answer('/nowhere.js').headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it('lets the first matching route replace a global header of the same name in any case, and "" remove one', () => {
    const bridge = answer('/redirect.html');
    expect(bridge.file).toBe('redirect.html');
    expect(bridge.headers).toEqual({
      'content-security-policy': "default-src 'self'; frame-ancestors 'self'",
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    expect(answer('/REDIRECT.HTML').headers['Cache-Control']).toBe('no-store');
    expect(answer('/assets/app-1.js').headers['Cache-Control']).toBe('immutable');
    expect(answer('/index.html').headers['Cache-Control']).toBeUndefined();
  });

  it('rewrites unknown navigations to the fallback, except the excluded paths', () => {
    expect(answer('/some/deep/link')).toMatchObject({ status: 200, file: 'index.html' });
    expect(answer('/assets/missing.css')).toMatchObject({ status: 404, file: undefined });
    expect(answer('/missing.json')).toMatchObject({ status: 404, file: undefined });
  });

  it('uses the configured MIME types', () => {
    expect(answer('/manifest.webmanifest').contentType).toBe('application/manifest+json');
    expect(answer('/sw.js').contentType).toBeUndefined();
  });

  it('matches globs with * and {a,b} over the whole path', () => {
    expect(globMatches('*.{png,svg}', '/icons/a.svg')).toBe(true);
    expect(globMatches('*.{png,svg}', '/icons/a.svgz')).toBe(false);
    expect(globMatches('/assets/*', '/assets/a/b.js')).toBe(true);
    expect(globMatches('/redirect.html', '/redirectXhtml')).toBe(false);
  });

  it('refuses rules it does not implement rather than serving what Azure would not', () => {
    expect(() => readStaticWebAppConfig({ responseOverrides: {} })).toThrow(/responseOverrides/);
    expect(() => readStaticWebAppConfig({ routes: [{ route: '/a', rewrite: '/b' }] })).toThrow(/rewrite/);
    expect(() => readStaticWebAppConfig([])).toThrow();
  });
});
