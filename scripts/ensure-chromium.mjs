// Installs Debian's Chromium for the browser tests when it is missing and we may (root with apt-get).

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = '/usr/bin/chromium';
if (!existsSync(chromium)) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = existsSync('/usr/bin/apt-get');
  if (!root || !apt) {
    console.error(
      `The browser tests need Chromium at ${chromium}. Install it (Debian: sudo apt-get install -y chromium) and run npm test again.`,
    );
    process.exit(1);
  }
  console.log('Installing Chromium for the browser tests (apt-get install -y chromium)…');
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    const run = spawnSync('apt-get', args, { stdio: 'inherit' });
    if (run.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed: see above.`);
      process.exit(run.status ?? 1);
    }
  }
}
