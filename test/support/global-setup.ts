// Builds dist/ once before the tests, so every suite runs against the artifact that ships.
import { buildAddon } from '../../scripts/build';
import { buildExport } from '../../scripts/build-export';

export default async function setup(): Promise<void> {
  if (process.env.SKIP_BUILD === '1') return;
  await buildAddon();
  await buildExport();
}
