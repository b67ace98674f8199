// Lists every Apps Script method the add-on's source (src/gas) calls, as "Class.method", by type.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Every property access in src/gas whose member is declared on an interface of Google's
 * namespace (GoogleAppsScript.Spreadsheet.Range.getValues -> 'Range.getValues'). Calls made
 * through a variable, a helper or a chain all count, because the type checker resolves them.
 */
export function addonCalls(): string[] {
  const configPath = path.join(root, 'src/gas/tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, path.dirname(configPath));
  const program = ts.createProgram(parsed.fileNames, { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  const found = new Set<string>();
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(path.join(root, 'src/'))) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        for (const declaration of symbol?.declarations ?? []) {
          if (!ts.isMethodSignature(declaration)) continue;
          const owner = declaration.parent;
          if (!ts.isInterfaceDeclaration(owner)) continue;
          if (!declaration.getSourceFile().fileName.includes('@types/google-apps-script')) continue;
          found.add(`${owner.name.text}.${node.name.text}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return [...found].sort();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]))
  console.log(addonCalls().join('\n'));
