import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { VitePWA } from 'vite-plugin-pwa';
import { buildOriginsFromFlags } from './src/lib/config/build-flags.ts';
import { contentSecurityPolicy } from './src/lib/config/csp.ts';
import { relayConnectOrigins } from './src/lib/config/relay-origin.ts';

// The origins the build flags add, baked into the CSP and into the app's check of config.json alike.
// A relay on another origin (SCORELINE_RELAY_URL, the relayUrl config.json names) is an API origin like the others.
const relayOrigins = relayConnectOrigins(process.env.SCORELINE_RELAY_URL);
const flags = buildOriginsFromFlags({ ...process.env, SCORELINE_EXTRA_ORIGINS: [process.env.SCORELINE_EXTRA_ORIGINS ?? '', ...relayOrigins].join(' ') });
if (!flags.ok) throw new Error(flags.error);
const buildOrigins = flags.value;
const policy = contentSecurityPolicy(buildOrigins);

/** Puts the Content-Security-Policy into every page at build time (a meta tag works on any static host). */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'scoreline-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
    },
  };
}

/**
 * MSAL's parts Scoreline never uses, left out of the build: the platform broker (WAM through a browser extension
 * or the DOM API, off unless `allowPlatformBroker` is set, which Scoreline never sets) and the popup flow (Scoreline
 * signs in by redirect only). They are a tenth of MSAL's bytes on every visit. Each is replaced by a module with the
 * same exports that says the broker is not there, or refuses to open a popup; the build fails if MSAL moved them.
 */
function msalWithoutUnusedFlows(): Plugin {
  const stubs: Record<string, string> = {
    '@azure/msal-browser/dist/broker/nativeBroker/PlatformAuthProvider.mjs': [
      'export async function isPlatformBrokerAvailable() { return false; }',
      'export async function getPlatformAuthProvider() { return undefined; }',
      'export function isPlatformAuthAllowed() { return false; }',
    ].join('\n'),
    '@azure/msal-browser/dist/interaction_client/PlatformAuthInteractionClient.mjs':
      "export class PlatformAuthInteractionClient { constructor() { throw new Error('Scoreline does not use the platform broker.'); } }",
    '@azure/msal-browser/dist/interaction_client/PopupClient.mjs':
      "export class PopupClient { constructor() { throw new Error('Scoreline signs in by redirect, never in a popup.'); } }",
  };
  const replaced = new Set<string>();
  return {
    name: 'scoreline-msal-without-unused-flows',
    apply: 'build',
    load(id) {
      const path = Object.keys(stubs).find((suffix) => id.replaceAll('\\', '/').endsWith(`/node_modules/${suffix}`));
      if (!path) return null;
      replaced.add(path);
      return stubs[path];
    },
    buildEnd(error) {
      const missing = Object.keys(stubs).filter((path) => !replaced.has(path));
      if (!error && missing.length > 0) this.error(`MSAL no longer has ${missing.join(', ')}: check what to leave out of the build.`);
    },
  };
}

/**
 * Azure Static Web Apps configuration, generated from the same policy as the pages: security headers
 * (no framing, except of the redirect bridge by the app itself), no caching of the service worker and
 * redirect bridge, config always revalidated, and the SPA fallback that spares the bridge.
 */
function staticWebAppConfig(): Plugin {
  const noStore = { 'Cache-Control': 'no-store' };
  const config = {
    globalHeaders: {
      'Content-Security-Policy': `${policy}; frame-ancestors 'none'`,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    },
    routes: [
      { route: '/sw.js', headers: noStore },
      { route: '/config.json', headers: { 'Cache-Control': 'no-cache' } },
      // The MSAL redirect bridge: never cached, and no Cross-Origin-Opener-Policy. MSAL loads it in a hidden
      // frame of the app itself for silent sign-in and token renewal, so the app's own origin may frame it.
      { route: '/redirect.html', headers: { ...noStore, 'Content-Security-Policy': `${policy}; frame-ancestors 'self'` } },
    ],
    navigationFallback: { rewrite: '/index.html', exclude: ['/redirect.html', '/assets/*', '/icons/*', '*.{json,js,css,png,svg,webmanifest}'] },
    mimeTypes: { '.webmanifest': 'application/manifest+json' },
  };
  return {
    name: 'scoreline-static-web-app-config',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'staticwebapp.config.json', source: `${JSON.stringify(config, null, 2)}\n` });
    },
  };
}

export default defineConfig({
  define: { __SCORELINE_BUILD_ORIGINS__: JSON.stringify(buildOrigins) },
  // Relative base: the build works from any path on any static host.
  base: './',
  plugins: [
    svelte(),
    svelteTesting(),
    contentSecurityPolicyMeta(),
    msalWithoutUnusedFlows(),
    staticWebAppConfig(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg'],
      manifest: {
        id: './',
        name: 'Scoreline — Secure Score for Devices',
        short_name: 'Scoreline',
        description: 'Microsoft Secure Score for Devices from Defender for Endpoint, kept as a trend in your browser.',
        start_url: './',
        scope: './',
        display: 'standalone',
        theme_color: '#0f5fa8',
        background_color: '#f4f6fa',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // The redirect bridge always comes from the network, never from the shell or a cache.
        globIgnores: ['redirect.html', 'screenshots/**'],
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/\/redirect\.html(\?|#|$)/],
        // config.json is not precached (a deployer changes it without a new build); the page keeps its
        // last good copy itself. Token and API calls go to other origins and are never cached.
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        // An alert's notification, clicked, opens Scoreline on its tenant and reading (public/notification-click.js).
        importScripts: ['notification-click.js'],
      },
    }),
  ],
  build: {
    target: 'es2022',
    // Every browser that runs Scoreline supports modulepreload; the polyfill would only add bytes.
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: { main: 'index.html', redirect: 'redirect.html' },
    },
  },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/emulator/**/*.test.ts', 'tests/build/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/unit/setup.ts'],
  },
});
