// Keeps package-lock.json installable with `npm ci` on any machine: every optional platform package is listed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { projectRoot } from '../../scripts/build';

it('lists every optional dependency of every locked package (else npm ci fails on a clean clone)', () => {
  // The registry mirror here lacks some platforms' binaries, and npm then leaves them out of the
  // lockfile; `npm ci` on a fresh machine refuses such a lockfile. See README > Troubleshooting.
  const lock = JSON.parse(readFileSync(path.join(projectRoot, 'package-lock.json'), 'utf8'));
  const packages: Record<string, { optionalDependencies?: Record<string, string> }> = lock.packages;
  const missing: string[] = [];
  for (const [where, entry] of Object.entries(packages)) {
    for (const name of Object.keys(entry.optionalDependencies ?? {})) {
      const nested = `${where}/node_modules/${name}`;
      if (!packages[nested] && !packages[`node_modules/${name}`])
        missing.push(`${where} -> ${name}`);
    }
  }
  expect(missing).toEqual([]);
});
