// Build step (after tsc): asks Prism for every answer the spec documents and stores them next to the compiled
// mock, so that it starts without loading Prism (see mocks/precomputed-answers.ts).
import { writePrecomputedAnswers, PRECOMPUTED_PATH } from '../mocks/precomputed-answers.ts';
import { SPEC_PATH } from '../src/spec-files.ts';

const count = await writePrecomputedAnswers(SPEC_PATH);
console.log(`build: ${count} Prism answers precomputed in ${PRECOMPUTED_PATH}`);
