// Builds dist/ for Apps Script: Code.js (the add-on as one file of globals), Sidebar.html, appsscript.json.

import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The one global the bundle defines; every entrypoint is a property of it. */
export const bundleGlobal = 'OpportunityTracker';

/**
 * Size budgets, in bytes of the files pushed to Apps Script. Apps Script parses every file on every
 * execution (each menu click, each sidebar call, each trigger), so the bundle's size is paid again
 * and again; these ceilings make growth a decision instead of an accident.
 */
export const sizeBudgets = {
  // 400 KB until issue 12: the Metrics tab, snapshots and team view add ~86 KB (its words in two
  // languages ~22 KB, the tab's layout ~20 KB); with the reminders the bundle is ~472 KB.
  // 500 KB until issue 24: owners resolved through the Team tab in every feature, the layout kept
  // in the file for time-driven runs, Check & repair's notes and demo checks add ~15 KB (~501 KB);
  // 520 KB until issue 26 part 1: the daily loop's rules (mark done, undo, unusual amounts, My
  // day's groups) and row problems as sentences in two languages add ~18 KB (~520 KB).
  // 540 KB until issue 22: the archive (moving batches all or nothing, its journal and recovery,
  // its Summary and what each metric adds back, ~28 KB) and the lists' two-step read (~8 KB).
  // 580 KB until issue 24 part 1: the adoption dialog reading any sheet (header vocabulary in two
  // languages, value profiles, the team's pipeline, owners) adds ~75 KB. Its word lists are built
  // on first use, so loading the bundle costs what it did (measured on dist/Code.js in a fresh V8
  // context: about 1.3 ms, as main's).
  'Code.js': 680 * 1024,
  'Sidebar.html': 200 * 1024,
  'Adopt.html': 200 * 1024,
} as const;

export interface BuildReport {
  outDir: string;
  exports: string[];
  sizes: Record<keyof typeof sizeBudgets, number>;
}

const entry = path.join(projectRoot, 'src/gas/entrypoints.ts');
const sidebarEntry = path.join(projectRoot, 'src/ui/sidebar.ts');

/** The entry's export names, read from esbuild's metafile (an IIFE build would not list them). */
export async function entrypointNames(): Promise<string[]> {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    metafile: true,
    write: false,
    outdir: 'out',
    logLevel: 'silent',
  });
  const outputs = Object.values(result.metafile.outputs).filter((o) => o.entryPoint);
  const names = outputs.flatMap((o) => o.exports);
  for (const name of names) {
    if (!/^[A-Za-z_$][\w$]*$/.test(name) || name === 'default') {
      throw new Error(
        `src/gas/entrypoints.ts exports "${name}", which cannot be an Apps Script global.`,
      );
    }
  }
  return names.sort();
}

/** One top-level declaration per export, so Apps Script sees real functions it can list and call. */
export function globalStubs(names: readonly string[]): string {
  return names
    .map(
      (name) => `function ${name}() {\n  return ${bundleGlobal}.${name}.apply(this, arguments);\n}`,
    )
    .join('\n');
}

async function bundleServer(names: readonly string[]): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    globalName: bundleGlobal,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2019',
    minify: false,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  const header =
    '// Opportunity Tracker for Google Sheets. Built by scripts/build.ts from src/: do not edit here.\n';
  return `${header}${code}\n// Apps Script calls these by name: triggers, menu items, google.script.run.\n${globalStubs(names)}\n`;
}

/**
 * The HTML pages HtmlService serves: the sidebar, and the adoption dialog (src/ui/adopt). Both
 * use one page shell (src/ui/sidebar.html): a title, a #app element, the inlined CSS and JS.
 */
const pages = {
  'Sidebar.html': {
    entry: sidebarEntry,
    css: 'src/ui/sidebar.css',
    template: 'src/ui/sidebar.html',
  },
  'Adopt.html': {
    entry: path.join(projectRoot, 'src/ui/adopt/adopt.ts'),
    css: 'src/ui/adopt/adopt.css',
    template: 'src/ui/sidebar.html',
  },
} as const;

async function bundlePage(page: (typeof pages)[keyof typeof pages]): Promise<string> {
  const script = await esbuild.build({
    entryPoints: [page.entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
  });
  const js = script.outputFiles[0]?.text ?? '';
  const cssSource = await readFile(path.join(projectRoot, page.css), 'utf8');
  const css = (await esbuild.transform(cssSource, { loader: 'css', minify: true })).code;
  const template = await readFile(path.join(projectRoot, page.template), 'utf8');
  return inlineIntoHtml(template, { js, css });
}

/**
 * Puts the sidebar's JS and CSS inside its HTML. Function replacers keep `$&` and friends literal;
 * text that would end the <script>/<style> element early, or that HtmlService templates would read
 * as a scriptlet (`<?`), fails the build instead of shipping a broken sidebar.
 */
export function inlineIntoHtml(template: string, parts: { js: string; css: string }): string {
  const js = parts.js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
  for (const [what, text, closer] of [
    ['JS', js, /<\/script/i],
    ['CSS', parts.css, /<\/style/i],
  ] as const) {
    if (closer.test(text)) throw new Error(`The sidebar's ${what} contains ${closer.source}.`);
    const scriptlet = text.indexOf('<?');
    if (scriptlet >= 0) {
      throw new Error(
        `The sidebar's ${what} contains "<?" (near "${text.slice(Math.max(0, scriptlet - 40), scriptlet + 40)}"), ` +
          'which HtmlService templates treat as a scriptlet. Rewrite that code.',
      );
    }
  }
  for (const marker of ['/* inline:js */', '/* inline:css */']) {
    if (!template.includes(marker))
      throw new Error(`src/ui/sidebar.html lost its ${marker} marker.`);
  }
  return template.replace('/* inline:css */', () => parts.css).replace('/* inline:js */', () => js);
}

export async function buildAddon(outDir = path.join(projectRoot, 'dist')): Promise<BuildReport> {
  const names = await entrypointNames();
  const [code, sidebar, adopt] = await Promise.all([
    bundleServer(names),
    bundlePage(pages['Sidebar.html']),
    bundlePage(pages['Adopt.html']),
  ]);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await Promise.all([
    writeFile(path.join(outDir, 'Code.js'), code),
    writeFile(path.join(outDir, 'Sidebar.html'), sidebar),
    writeFile(path.join(outDir, 'Adopt.html'), adopt),
    copyFile(path.join(projectRoot, 'appsscript.json'), path.join(outDir, 'appsscript.json')),
  ]);
  const sizes = {
    'Code.js': Buffer.byteLength(code),
    'Sidebar.html': Buffer.byteLength(sidebar),
    'Adopt.html': Buffer.byteLength(adopt),
  };
  const over = (Object.keys(sizeBudgets) as Array<keyof typeof sizeBudgets>).filter(
    (file) => sizes[file] > sizeBudgets[file],
  );
  if (over.length > 0) {
    const lines = over.map(
      (file) =>
        `dist/${file} is ${kb(sizes[file])}, over its budget of ${kb(sizeBudgets[file])} (sizeBudgets in scripts/build.ts).`,
    );
    throw new Error(
      `${lines.join('\n')}\nSee what grew with: npm run build -- --analyze. Raise a budget only on purpose.`,
    );
  }
  return { outDir, exports: names, sizes };
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

async function analyze(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2019',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  return esbuild.analyzeMetafile(result.metafile);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const report = await buildAddon();
    const sizes = Object.entries(report.sizes)
      .map(
        ([file, bytes]) =>
          `${file} ${kb(bytes)} (budget ${kb(sizeBudgets[file as keyof typeof sizeBudgets])})`,
      )
      .join(', ');
    console.log(
      `Built dist/: ${sizes}; ${report.exports.length} globals: ${report.exports.join(', ')}`,
    );
    // Issue 22: the company export, a separate standalone project (never in the add-on's bundle).
    const { buildExport } = await import('./build-export');
    const exported = await buildExport();
    console.log(
      `Built dist-export/: Code.js ${kb(exported.bytes)}; globals: ${exported.exports.join(', ')}`,
    );
    if (process.argv.includes('--analyze')) console.log(await analyze());
  } catch (error) {
    console.error(`Build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
