// Type-checks a team's app under each of its tsconfigs in one process, as `tsc -p <config>` would (the diagnostics
// tsc reports with noEmit), and prints them and the files checked by config as JSON. Plain JavaScript: no tsx.
// Usage: node check-app-types.mjs <path of typescript> <tsconfig>...
import { createRequire } from 'node:module';

const [typescriptPath, ...configs] = process.argv.slice(2);
const ts = createRequire(import.meta.url)(typescriptPath);
const host = { getCanonicalFileName: (name) => name, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n' };

/**
 * Why not all files of every config: with skipLibCheck off most of the CPU is checking TypeScript's default lib
 * and the app's own @types (its type roots, @types/node), ~40k lines that neither the harness ships nor any module
 * resolution changes (they are ambient, and their few imports are bare names every resolution finds the same).
 * They are checked in full under the first config; the later configs check everything else (the harness's .d.ts,
 * its dependencies' .d.ts such as undici's, the app's code) plus the options and global diagnostics, which is
 * where a second module resolution can differ.
 */
function checkedFiles(program, index) {
  const typeRoots = program.getCompilerOptions().typeRoots ?? [];
  const shared = (file) => program.isSourceFileDefaultLibrary(file) || typeRoots.some((root) => file.fileName.startsWith(`${root}/`));
  return program.getSourceFiles().filter((file) => index === 0 || !shared(file));
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
configs.forEach((config, index) => {
  const diagnostics = [];
  const checked = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(config, undefined, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => diagnostics.push(diagnostic) });
  if (parsed) {
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host: cachingHost(parsed.options), configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed) });
    // The order of tsc's own report: config, options, syntax, global, then semantic diagnostics.
    const files = checkedFiles(program, index);
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
