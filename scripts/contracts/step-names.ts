// The contract pipeline's step names, on their own so that `contracts --help` and flag parsing can name them
// without loading the pipeline (Pact's native core, the comparator and the mock take seconds to import).
export type StepName = 'consumer' | 'spec' | 'verify';
export const STEP_NAMES: readonly StepName[] = ['consumer', 'spec', 'verify'];
