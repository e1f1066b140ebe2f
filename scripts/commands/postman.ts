// `signup-plus-harness postman`: writes the Postman collection and environments under postman/ from the
// spec; `--check` writes nothing and exits 1 when the committed files differ from a fresh generation.
import { mkdir, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, type Command } from '../lib/command.ts';
import { ROOT_DIR } from '../lib/project-paths.ts';

export const command: Command = {
  help: [
    'Usage: signup-plus-harness postman [--check]',
    '',
    'Writes, from specs/signup-plus.openapi.yaml:',
    '  postman/signup-plus.postman_collection.json   folders "1. Exchange code", "2. Get accounts",',
    '                                                "3. Follow account_id", "Errors", with tests',
    '  postman/{mock,sandbox,live}.postman_environment.json',
    '',
    'Options:',
    '  --check      write nothing; exit 1 when postman/ differs from a fresh generation',
    '  -h, --help   this text',
    '',
    'Run it against the mock: npm start, then',
    '  npx newman run postman/signup-plus.postman_collection.json -e postman/mock.postman_environment.json',
    '',
    'Exit codes: 0 done (or up to date), 1 stale (--check), 2 bad usage.',
  ].join('\n'),
  async run(argv) {
    const { values } = parseArgs({ args: argv, options: { check: { type: 'boolean', default: false } }, strict: true, allowPositionals: false });
    // Loaded here, not at the top: the converter takes a second to import, and `--help` should not wait.
    const { POSTMAN_DIR, comparePostmanFiles, renderPostmanFiles } = await import('../postman/render.ts');
    const files = await renderPostmanFiles();
    const names = [...files.keys()].map((path) => relative(ROOT_DIR, path));
    if (values.check) {
      const { stale, unexpected } = await comparePostmanFiles(files);
      if (stale.length > 0 || unexpected.length > 0) {
        const parts = [
          stale.length ? `stale or missing: ${stale.join(', ')}` : '',
          unexpected.length ? `not generated (remove them): ${unexpected.join(', ')}` : '',
        ].filter(Boolean);
        console.error(`postman: ${parts.join('; ')}. Run \`npm run postman\` and commit the result.`);
        return EXIT.failed;
      }
      console.log(`postman: ${names.length} files in postman/ are up to date with the spec.`);
      return EXIT.ok;
    }
    await mkdir(POSTMAN_DIR, { recursive: true });
    for (const [path, content] of files) await writeFile(path, content);
    console.log(`postman: wrote ${names.join(', ')}`);
    return EXIT.ok;
  },
};
