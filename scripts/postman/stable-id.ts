// Postman wants ids on collections, items, examples and environments; deriving them from names (instead of
// the converter's random UUIDs) keeps `npm run postman` byte-for-byte repeatable, so `--check` can compare.
import { createHash } from 'node:crypto';

/** A UUID-shaped id (version 5 layout) derived from the given names. */
export function stableId(...names: string[]): string {
  const hex = createHash('sha1').update(names.join('\u0000')).digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
