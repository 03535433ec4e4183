/**
 * Where the emulated OneDrive's download links point: the emulator under its other loopback name (127.0.0.1
 * for localhost), so a browser treats it as a second origin, as it does SharePoint's next to Graph.
 * @param {string} emulatorOrigin
 */
export function contentOriginOf(emulatorOrigin) {
  const url = new URL(emulatorOrigin);
  url.hostname = url.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  return url.origin;
}
