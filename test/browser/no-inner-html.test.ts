// Lint-like guard: the shipped sidebar never hands a string to the HTML parser.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/build';

/** Ways a string becomes markup; the sidebar builds DOM with textContent only (src/ui/dom.ts). */
const htmlSinks = [
  /\.innerHTML\s*[+]?=/,
  /\.outerHTML\s*[+]?=/,
  /insertAdjacentHTML\s*\(/,
  /document\.write(ln)?\s*\(/,
  /createContextualFragment\s*\(/,
  /new\s+DOMParser\b/,
  /\.srcdoc\s*=/,
];

async function sourcesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('the sidebar and HTML parsing', () => {
  it('has no HTML sink in the built dist/Sidebar.html script', async () => {
    const html = await readFile(path.join(projectRoot, 'dist/Sidebar.html'), 'utf8');
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
    expect(scripts.join('').length).toBeGreaterThan(10_000);
    for (const sink of htmlSinks) expect(scripts.join('\n')).not.toMatch(sink);
  });

  it('has no HTML sink in src/ui', async () => {
    const files = await sourcesUnder(path.join(projectRoot, 'src/ui'));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const source = await readFile(file, 'utf8');
      for (const sink of htmlSinks) {
        expect(source, path.relative(projectRoot, file)).not.toMatch(sink);
      }
    }
  });

  it('would catch an innerHTML assignment if one crept in', () => {
    const minified = 'a.innerHTML=b;';
    expect(htmlSinks.some((sink) => sink.test(minified))).toBe(true);
  });
});
