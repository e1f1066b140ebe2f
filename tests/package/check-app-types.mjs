// Type-checks a team's app under each of its tsconfigs in one process, as `tsc -p <config>` would (the diagnostics
// tsc reports with noEmit), and prints them and the files checked by config as JSON. Plain JavaScript: no tsx.
// Usage: node check-app-types.mjs <path of typescript> <tsconfig>...
import { createRequire } from 'node:module';

const [typescriptPath, ...configs] = process.argv.slice(2);
const ts = createRequire(import.meta.url)(typescriptPath);
const host = { getCanonicalFileName: (name) => name, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n' };

/**
 * Which files are checked: every file of the program but TypeScript's default lib and the app's own type roots
 * (@types/node), under every config. With skipLibCheck off those two are most of the CPU (~40k lines) and are not
 * the harness's: they are ambient, the same whatever the harness ships, and an app's tsc reports in them only
 * what its own lib, @types and options cause (the options and global diagnostics are still collected). What the
 * harness can do to them is add global or module-augmenting declarations that clash with theirs (`declare
 * global`, `declare module 'node:http'`), and TypeScript reports such a clash at each declaration of it, so also
 * in the harness's own .d.ts, which is checked (tests/package/installed-package.test.ts breaks one on purpose).
 */
function checkedFiles(program) {
  const typeRoots = program.getCompilerOptions().typeRoots ?? [];
  const ambient = (file) => program.isSourceFileDefaultLibrary(file) || typeRoots.some((root) => file.fileName.startsWith(`${root}/`));
  return program.getSourceFiles().filter((file) => !ambient(file));
}

/**
 * Declaration files parsed once for all configs, as `tsc -b` does across the projects of one build (its
 * changeCompilerHostLikeToUseCache): a parsed file is reused only for the same module format of the file
 * (impliedNodeFormat), the one thing about it the configs may see differently.
 */
const parsedFiles = new Map();
function cachingHost(options) {
  const host = ts.createCompilerHost(options);
  const parse = host.getSourceFile;
  host.getSourceFile = (fileName, languageVersionOrOptions, ...rest) => {
    const key = `${typeof languageVersionOrOptions === 'object' ? languageVersionOrOptions.impliedNodeFormat : ''} ${fileName}`;
    const cached = parsedFiles.get(key);
    if (cached) return cached;
    const file = parse.call(host, fileName, languageVersionOrOptions, ...rest);
    if (file && fileName.endsWith('.d.ts')) parsedFiles.set(key, file);
    return file;
  };
  return host;
}

const byConfig = {};
configs.forEach((config) => {
  const diagnostics = [];
  const checked = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(config, undefined, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => diagnostics.push(diagnostic) });
  if (parsed) {
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host: cachingHost(parsed.options), configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed) });
    // The order of tsc's own report: config, options, syntax, global, then semantic diagnostics.
    const files = checkedFiles(program);
    diagnostics.push(...program.getConfigFileParsingDiagnostics(), ...program.getOptionsDiagnostics());
    const syntactic = files.flatMap((file) => program.getSyntacticDiagnostics(file));
    diagnostics.push(...syntactic);
    // tsc stops at syntax errors too.
    if (syntactic.length === 0) diagnostics.push(...program.getGlobalDiagnostics(), ...files.flatMap((file) => program.getSemanticDiagnostics(file)));
    checked.push(...files.map((file) => file.fileName));
  }
  byConfig[config] = { diagnostics: diagnostics.map((diagnostic) => ts.formatDiagnostic(diagnostic, host).trimEnd()), checked };
});
process.stdout.write(`${JSON.stringify(byConfig)}\n`);
