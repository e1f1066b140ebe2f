// The shape of an answer without its values: JSON pointer → JSON type. It is what the report keeps by default,
// so that "is this field left out or sent as null?" (open in TrueLayer's docs) is answered without storing personal data.

import { escapePointer, jsonType } from '../../src/validation.ts';

/** Every leaf (and every empty object or array) of `value`, with its type, in document order. */
export function describeShape(value: unknown, pointer = '', out: Record<string, string> = {}): Record<string, string> {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
    if (entries.length === 0) out[pointer] = jsonType(value);
    for (const [key, child] of entries) describeShape(child, `${pointer}/${escapePointer(key)}`, out);
  } else {
    out[pointer] = jsonType(value);
  }
  return out;
}
