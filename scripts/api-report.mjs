// The public API report: for every entry of package.json "exports", each exported name with its
// declaration as a consumer's .d.ts shows it (comments and @internal members stripped), sorted.
// `npm run api` writes api/<entry>.api.txt; test/node/api-report.test.mjs fails when the
// committed report differs from what the source exports now (an unintended API change).
import ts from 'typescript';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** package entry → source module */
export const ENTRIES = {
  'vard-chat': 'src/index.ts',
  'vard-chat/define': 'src/define/vard-chat.ts',
  'vard-chat/testing': 'src/testing/index.ts',
  'vard-chat/triage': 'src/triage/index.ts',
  'vard-chat/triage/define': 'src/define/vard-triage.ts',
  'vard-chat/protocol': 'src/protocol/entry.ts',
};

export const reportFile = (entry) => join(root, 'api', `${entry.replaceAll('/', '.')}.api.txt`);

/** Emits declarations for src/ in memory, then reads each entry's exports from them. */
export function apiReports() {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  const options = { ...config.options, declaration: true, emitDeclarationOnly: true, stripInternal: true, removeComments: true, outDir: join(root, '.api-dts'), declarationDir: join(root, '.api-dts'), noEmit: false, sourceMap: false, declarationMap: false };
  const files = new Map();
  const host = ts.createCompilerHost(options);
  host.writeFile = (name, text) => files.set(resolve(name), text);
  const program = ts.createProgram(Object.values(ENTRIES).map((f) => join(root, f)), options, host);
  program.emit(undefined, undefined, undefined, true);

  // a second program over the emitted .d.ts (plus lib and node_modules from disk)
  const dtsHost = ts.createCompilerHost(options);
  const read = dtsHost.readFile.bind(dtsHost);
  const exists = dtsHost.fileExists.bind(dtsHost);
  dtsHost.readFile = (f) => files.get(resolve(f)) ?? read(f);
  dtsHost.fileExists = (f) => files.has(resolve(f)) || exists(f);
  const dirExists = dtsHost.directoryExists?.bind(dtsHost);
  const emittedDirs = new Set([...files.keys()].flatMap((f) => f.split('/').slice(1, -1).map((_, i, a) => `/${a.slice(0, i + 1).join('/')}`)));
  dtsHost.directoryExists = (d) => emittedDirs.has(resolve(d)) || (dirExists ? dirExists(d) : true);
  const dtsOf = (src) => join(options.outDir, src.replace(/^src\//, '').replace(/\.ts$/, '.d.ts'));
  const dtsProgram = ts.createProgram(Object.values(ENTRIES).map(dtsOf), { ...options, noEmit: true }, dtsHost);
  const checker = dtsProgram.getTypeChecker();
  const printer = ts.createPrinter({ removeComments: true });

  const reports = {};
  for (const [entry, src] of Object.entries(ENTRIES)) {
    const sf = dtsProgram.getSourceFile(dtsOf(src));
    if (!sf) throw new Error(`no declarations for ${src}`);
    const lines = [];
    const mod = checker.getSymbolAtLocation(sf);
    for (const sym of mod ? checker.getExportsOfModule(mod) : []) {
      const target = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
      for (const decl of target.declarations ?? []) {
        const text = printer.printNode(ts.EmitHint.Unspecified, decl, decl.getSourceFile()).replace(/\s+/g, ' ').trim()
          .replace(/ private (readonly )?[\w$]+;/g, ''); // private members are not API (a .d.ts lists only their names)
        lines.push(`${sym.name}: ${text}`);
      }
    }
    // side-effect entries: what they add to the global maps
    for (const stmt of sf.statements) {
      if (ts.isModuleDeclaration(stmt) && stmt.flags & ts.NodeFlags.GlobalAugmentation) {
        lines.push(`global: ${printer.printNode(ts.EmitHint.Unspecified, stmt, sf).replace(/\s+/g, ' ').trim()}`);
      }
    }
    reports[entry] = `// API report of ${entry} (npm run api). Do not edit by hand.\n${lines.sort().join('\n')}\n`;
  }
  return reports;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const reports = apiReports();
  mkdirSync(join(root, 'api'), { recursive: true });
  for (const [entry, text] of Object.entries(reports)) {
    const file = reportFile(entry);
    if (process.argv.includes('--write')) writeFileSync(file, text);
    else if (readFileSync(file, 'utf8') !== text) {
      console.error(`${entry}: the public API differs from ${file}; run npm run api if the change is intended`);
      process.exitCode = 1;
    }
  }
}
