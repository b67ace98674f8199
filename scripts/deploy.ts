// Pushes dist/ to the Apps Script project named in .clasp.json, after checking clasp can log in.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAddon, projectRoot } from './build';

/** Why a push cannot work from here, or null when it can be tried. */
export function deployBlocker(env: NodeJS.ProcessEnv = process.env): string | null {
  const authFile = env.clasp_config_auth
    ? path.resolve(env.clasp_config_auth)
    : path.join(env.HOME ?? os.homedir(), '.clasprc.json');
  // clasp accepts a file or a folder that holds .clasprc.json.
  const authPath = authFile.endsWith('.json') ? authFile : path.join(authFile, '.clasprc.json');
  if (!existsSync(authPath)) {
    return `No clasp credentials at ${authPath}. Run \`npx clasp login\` once (it opens a browser), then npm run deploy.`;
  }
  const claspConfig = JSON.parse(readFileSync(path.join(projectRoot, '.clasp.json'), 'utf8'));
  if (!claspConfig.scriptId || String(claspConfig.scriptId).startsWith('REPLACE_')) {
    return 'No scriptId in .clasp.json. Create a project with `npx clasp create --type sheets --title "Opportunity Tracker" --rootDir dist` or paste the ID from Apps Script > Project Settings.';
  }
  if (claspConfig.rootDir !== 'dist') {
    return `.clasp.json must have "rootDir": "dist" (it has ${JSON.stringify(claspConfig.rootDir)}): only the built files may be pushed.`;
  }
  return null;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const blocker = deployBlocker();
  if (blocker) {
    console.error(`Deploy stopped: ${blocker}`);
    process.exit(1);
  }
  await buildAddon();
  const push = spawnSync('npx', ['clasp', 'push', '--force'], {
    cwd: projectRoot,
    stdio: 'inherit',
  });
  process.exit(push.status ?? 1);
}
