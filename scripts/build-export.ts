// Builds dist-export/: the company export (src/export) as its own Apps Script project, with its own manifest.

import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

/** The repository's root (scripts/..): not imported from build.ts, which imports this file. */
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const entry = path.join(projectRoot, 'src/export/entrypoints.ts');
export const exportGlobal = 'OpportunityExport';
/** The export is deployed once by an admin; no budget is paid per seller's click, but keep it lean. */
export const exportBudget = 250 * 1024;

async function exportNames(): Promise<string[]> {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    loader: { '.sql': 'text' },
    metafile: true,
    write: false,
    outdir: 'out',
    logLevel: 'silent',
  });
  return Object.values(result.metafile.outputs)
    .filter((o) => o.entryPoint)
    .flatMap((o) => o.exports)
    .sort();
}

/** dist-export/Code.js (one IIFE, a top-level function per export) and its appsscript.json. */
export async function buildExport(
  outDir = path.join(projectRoot, 'dist-export'),
): Promise<{ exports: string[]; bytes: number }> {
  const names = await exportNames();
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    globalName: exportGlobal,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    loader: { '.sql': 'text' },
    target: 'es2019',
    minify: false,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
  });
  const stubs = names
    .map(
      (name) => `function ${name}() {\n  return ${exportGlobal}.${name}.apply(this, arguments);\n}`,
    )
    .join('\n');
  const code = `// Opportunity Tracker company export (BigQuery). Built by scripts/build-export.ts from src/export: do not edit here.\n${result.outputFiles[0]?.text ?? ''}\n${stubs}\n`;
  const bytes = Buffer.byteLength(code);
  if (bytes > exportBudget)
    throw new Error(
      `dist-export/Code.js is ${(bytes / 1024).toFixed(1)} KB, over its budget of ${exportBudget / 1024} KB.`,
    );
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'Code.js'), code);
  await copyFile(
    path.join(projectRoot, 'src/export/appsscript.json'),
    path.join(outDir, 'appsscript.json'),
  );
  return { exports: names, bytes };
}
