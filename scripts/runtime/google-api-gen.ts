// Writes google-api.json: the methods and properties of every Apps Script class the runtime models, read from @types/google-apps-script.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { namespaces } from './google-api';

const here = path.dirname(fileURLToPath(import.meta.url));
const typesDir = path.resolve(here, '../../node_modules/@types/google-apps-script');
/** The type files of the namespaces the runtime models ('HTML' is google-apps-script.html.d.ts). */
const files = namespaces.map((ns) => ns.toLowerCase());

export type GoogleApi = Record<string, { methods: string[]; properties: string[] }>;
/** Enums as "Namespace.Enum" -> their values, in declaration order. */
export type GoogleEnums = Record<string, string[]>;

const enums: GoogleEnums = {};

/** Every interface of those namespaces as "Namespace.Class" -> its member names. */
export function readGoogleApi(): { classes: GoogleApi; enums: GoogleEnums } {
  const api: GoogleApi = {};
  for (const file of files) {
    const source = ts.createSourceFile(
      file,
      readFileSync(path.join(typesDir, `google-apps-script.${file}.d.ts`), 'utf8'),
      ts.ScriptTarget.Latest,
    );
    const visit = (node: ts.Node, ns: string[]) => {
      if (ts.isModuleDeclaration(node)) {
        const name = [...ns, node.name.getText(source)];
        if (node.body && ts.isModuleBlock(node.body))
          for (const child of node.body.statements) visit(child, name);
        else if (node.body) visit(node.body, name);
        return;
      }
      if (ts.isEnumDeclaration(node)) {
        enums[`${ns.slice(1).join('.')}.${node.name.text}`] = node.members.map((m) =>
          m.name.getText(source),
        );
        return;
      }
      if (ts.isInterfaceDeclaration(node)) {
        const key = `${ns.slice(1).join('.')}.${node.name.text}`;
        const entry = api[key] ?? { methods: [], properties: [] };
        api[key] = entry;
        for (const member of node.members) {
          const name = member.name?.getText(source);
          if (!name) continue;
          const list = ts.isMethodSignature(member) ? entry.methods : entry.properties;
          if (!list.includes(name)) list.push(name);
        }
        entry.methods.sort();
        entry.properties.sort();
      }
      ts.forEachChild(node, (child) => {
        if (!ts.isModuleDeclaration(node)) visit(child, ns);
      });
    };
    ts.forEachChild(source, (node) => visit(node, []));
  }
  return { classes: api, enums };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const api = readGoogleApi();
  writeFileSync(path.join(here, 'google-api.json'), `${JSON.stringify(api, null, 1)}\n`);
  console.log(`google-api.json: ${Object.keys(api.classes).length} classes`);
}
