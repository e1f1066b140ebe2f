// `signup-plus-harness postman`: writes the Postman collection and environments from the spec into ./postman
// (of the current directory, or --out); `--check` writes nothing and exits 1 when those files differ.
import { mkdir, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, type Command } from '../lib/command.ts';
import { requirePeers } from '../lib/optional-peers.ts';

export const command: Command = {
  help: [
    'Usage: signup-plus-harness postman [--check] [--out <dir>]',
    '',
    'Writes, from specs/signup-plus.openapi.yaml, into ./postman of the current directory:',
    '  postman/signup-plus.postman_collection.json   folders "1. Exchange code", "2. Get accounts",',
    '                                                "3. Follow account_id", "Errors", with tests',
    '  postman/{mock,sandbox,live}.postman_environment.json',
    '',
    'Options:',
    '  --out <dir>  write (or --check) this folder instead of ./postman',
    '  --check      write nothing; exit 1 when the folder differs from a fresh generation',
    '  -h, --help   this text',
    '',
    'Needs openapi-to-postmanv2 (an optional peer dependency): npm i -D openapi-to-postmanv2',
    '',
    'Run it against the mock: npx signup-plus-harness mock, then',
    '  npx newman run postman/signup-plus.postman_collection.json -e postman/mock.postman_environment.json',
    '',
    'Exit codes: 0 done (or up to date), 1 stale (--check), 2 bad usage.',
  ].join('\n'),
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: { check: { type: 'boolean', default: false }, out: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    const { cwd } = io;
    const dir = resolve(cwd, values.out ?? 'postman');
    requirePeers('postman', ['openapi-to-postmanv2']);
    // Loaded here, not at the top: the converter takes a second to import, and `--help` should not wait.
    const { comparePostmanFiles, renderPostmanFiles } = await import('../postman/render.ts');
    const files = await renderPostmanFiles(dir);
    const names = [...files.keys()].map((path) => relative(cwd, path));
    if (values.check) {
      const { stale, unexpected } = await comparePostmanFiles(files, dir, cwd);
      if (stale.length > 0 || unexpected.length > 0) {
        const parts = [
          stale.length ? `stale or missing: ${stale.join(', ')}` : '',
          unexpected.length ? `not generated (remove them): ${unexpected.join(', ')}` : '',
        ].filter(Boolean);
        io.err(`postman: ${parts.join('; ')}. Run \`npx signup-plus-harness postman\` and commit the result.`);
        return EXIT.failed;
      }
      io.out(`postman: ${names.length} files in ${relative(cwd, dir) || '.'}/ are up to date with the spec.`);
      return EXIT.ok;
    }
    await mkdir(dir, { recursive: true });
    for (const [path, content] of files) await writeFile(path, content);
    io.out(`postman: wrote ${names.join(', ')}`);
    return EXIT.ok;
  },
};
