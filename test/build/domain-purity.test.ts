// Proves the domain cannot use Apps Script: src/domain compiles with no ambient types at all.
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/build';

const configPath = path.join(projectRoot, 'src/domain/tsconfig.json');

function compileDomain(extraFiles: Record<string, string> = {}): readonly ts.Diagnostic[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('src/domain/tsconfig.json did not parse');
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (file) => extraFiles[file] ?? readFile(file);
  host.fileExists = (file) => file in extraFiles || fileExists(file);
  const program = ts.createProgram({
    rootNames: [...config.fileNames, ...Object.keys(extraFiles)],
    options: config.options,
    host,
  });
  return ts.getPreEmitDiagnostics(program);
}

describe('src/domain', () => {
  it('uses no ambient types: its tsconfig sets "types": []', () => {
    const config = ts.readConfigFile(configPath, ts.sys.readFile).config;
    expect(config.compilerOptions.types).toEqual([]);
  });

  it('compiles cleanly on its own', () => {
    expect(
      compileDomain().map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    ).toEqual([]);
  });

  it('fails to compile when a domain file names an Apps Script global', () => {
    const probe = path.join(projectRoot, 'src/domain/probe-uses-apps-script.ts');
    const diagnostics = compileDomain({
      [probe]:
        'export const sheet = SpreadsheetApp.getActive();\nexport const tz = Session.getScriptTimeZone();\n',
    });
    const messages = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(messages).toContain("Cannot find name 'SpreadsheetApp'.");
    expect(messages).toContain("Cannot find name 'Session'.");
  }, 60_000);
});

describe('the dependency rule', () => {
  it('lets src/domain import only itself and zod', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = path.join(projectRoot, 'src/domain');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.ts'),
    );
    const offending: string[] = [];
    for (const file of files) {
      const source = readFileSync(path.join(dir, file), 'utf8');
      for (const match of source.matchAll(/from\s+'([^']+)'/g)) {
        const target = match[1] ?? '';
        const inside =
          target.startsWith('.') &&
          path.resolve(path.dirname(path.join(dir, file)), target).startsWith(dir);
        if (!inside && target !== 'zod' && target !== 'zod/mini')
          offending.push(`${file}: ${target}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
