/**
 * Who may talk to the emulator. It signs anyone in as the demo users and takes orders on /_control with
 * no password, so it answers only requests addressed to this machine: a page on another site that
 * re-points its own host name at 127.0.0.1 (DNS rebinding) still sends its own name in Host and is refused.
 */
import { isIP } from 'node:net';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The Host header names a loopback host (or the IP literal the connection arrived on, which no
 * DNS answer can stand in for) and the port the emulator listens on.
 * @param {string | undefined} hostHeader
 * @param {{ port: number, localAddress?: string | undefined }} connection
 */
export function isAddressedToThisMachine(hostHeader, { port, localAddress }) {
  if (!hostHeader) return false;
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d+))?$/i.exec(hostHeader.trim());
  if (!match) return false;
  const host = (match[1] ?? '').toLowerCase();
  const hostPort = match[2] === undefined ? 80 : Number(match[2]);
  if (hostPort !== port) return false;
  if (LOOPBACK_NAMES.has(host)) return true;
  const literal = host.startsWith('[') ? host.slice(1, -1) : host;
  return isIP(literal) !== 0 && literal === unmapped(localAddress);
}

/**
 * A warning to print when the emulator listens beyond this machine, or undefined on a loopback address.
 * @param {string} bindHost the address given to listen()
 */
export function exposureWarning(bindHost) {
  if (isLoopbackBindAddress(bindHost)) return undefined;
  return (
    `WARNING: the emulator listens on ${bindHost}, not only on this machine. Anyone who can reach it can sign in as the demo ` +
    'users and steer it through /_control. Use --host 127.0.0.1 unless you mean that.'
  );
}

/** @param {string} bindHost */
function isLoopbackBindAddress(bindHost) {
  const host = bindHost.toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** `::ffff:127.0.0.1` → `127.0.0.1`, as a dual-stack socket reports IPv4 peers. @param {string | undefined} address */
function unmapped(address) {
  return address?.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}
