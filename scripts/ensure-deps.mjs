// Installs the locked dependencies when node_modules is missing or older than package-lock.json.
// Plain JavaScript on purpose: it runs before any dev dependency (tsx, TypeScript) exists.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lockfile = path.join(root, 'package-lock.json');
const installed = path.join(root, 'node_modules/.package-lock.json');
const stamp = path.join(root, 'node_modules/.lockfile-hash');

const wanted = createHash('sha256').update(readFileSync(lockfile)).digest('hex');
const have = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : null;
const freshInstall =
  have === null &&
  existsSync(installed) &&
  statSync(installed).mtimeMs >= statSync(lockfile).mtimeMs;

if (have !== wanted && !freshInstall) {
  console.log('Installing the locked dependencies (npm ci)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error('npm ci failed: see the messages above (README > Troubleshooting).');
    process.exit(run.status ?? 1);
  }
}
writeFileSync(stamp, wanted);
