// The auth dialog's "banks": one per scenario of mocks/scenarios.ts, so a tester picks an outcome by picking a bank.
// Provider id `mock-<scenario code>` (e.g. `providers=mock-multiple-accounts` in an auth link names one bank).
import { SCENARIOS } from './scenarios.ts';

export const MOCK_PROVIDER_PREFIX = 'mock-';

export interface MockBank {
  /** Provider id, as in an auth link's `providers` / `provider_id`. */
  id: string;
  /** The scenario code the minted authorization code carries. */
  scenario: string;
  name: string;
  /** What the app will get, from the scenario table. */
  outcome: string;
  /** A transport fault rather than an answer of the API. */
  fault: boolean;
}

function title(code: string): string {
  const words = code.replace(/-/g, ' ');
  return `Mock Bank: ${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

export const MOCK_BANKS: readonly MockBank[] = SCENARIOS.map((scenario) => ({
  id: `${MOCK_PROVIDER_PREFIX}${scenario.code}`,
  scenario: scenario.code,
  name: title(scenario.code),
  // The table's summary names the default case for the banner ("also any code not listed"); a bank is picked, not guessed.
  outcome: scenario.summary.replace(/\s*\(also any code not listed\)/, ''),
  fault: scenario.fault !== undefined,
}));

const BY_ID = new Map(MOCK_BANKS.map((bank) => [bank.id, bank]));

export function bankById(id: string): MockBank | undefined {
  return BY_ID.get(id);
}
