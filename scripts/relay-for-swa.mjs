// Copies the relay's code into api/src/relay/, because Azure Static Web Apps deploys the api folder on its
// own and it cannot import files outside it. Run before deploying (`npm run relay:swa`).
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

const from = 'relay';
const to = join('api', 'src', 'relay');
// The standalone server stays behind: the function needs only the handler and its settings.
const files = (await readdir(from)).filter((name) => name.endsWith('.mjs') && name !== 'server.mjs');

await rm(to, { recursive: true, force: true });
await mkdir(to, { recursive: true });
for (const name of files) await copyFile(join(from, name), join(to, name));
console.log(`Copied ${files.join(', ')} to ${to}/. Deploy with api_location "api".`);
