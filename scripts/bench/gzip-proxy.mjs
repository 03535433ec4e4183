// A compressing front for the static server, as real static hosts are (GitHub Pages and Azure Static Web
// Apps send text gzip-compressed); Lighthouse otherwise scores the bench server's missing compression
// rather than the app.
import { createServer, request as forward } from 'node:http';
import { pipeline } from 'node:stream';
import { createGzip } from 'node:zlib';

const COMPRESSIBLE = /^(text\/|application\/(javascript|json|manifest\+json)|image\/svg\+xml)/;

/**
 * @param {{ targetUrl: string, port: number, host?: string }} options
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startGzipProxy({ targetUrl, port, host = '127.0.0.1' }) {
  const target = new URL(targetUrl);
  const server = createServer((incoming, outgoing) => {
    const upstream = forward(
      { host: target.hostname === 'localhost' ? '127.0.0.1' : target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers: { ...incoming.headers, host: target.host } },
      (answer) => {
        const compress = /\bgzip\b/.test(incoming.headers['accept-encoding'] ?? '') && COMPRESSIBLE.test(answer.headers['content-type'] ?? '');
        const headers = { ...answer.headers };
        if (compress) {
          delete headers['content-length'];
          headers['content-encoding'] = 'gzip';
          headers.vary = 'Accept-Encoding';
        }
        outgoing.writeHead(answer.statusCode ?? 502, headers);
        const ignoreClosedClient = () => undefined;
        if (compress) pipeline(answer, createGzip(), outgoing, ignoreClosedClient);
        else pipeline(answer, outgoing, ignoreClosedClient);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    pipeline(incoming, upstream, () => undefined);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  return {
    url: `http://localhost:${port}${target.pathname}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
