// The body excerpt a ResponseValidationError keeps: the first 200 characters after redaction, never ending in
// part of a [REDACTED] marker (which would read as a cut-off secret), and "…" when the body went on.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { REDACTED, ResponseValidationError } from '../../src/index.ts';

const SECRET = randomBytes(18).toString('base64url');
const excerptOf = (body: string, secrets: string[] = [SECRET]) =>
  new ResponseValidationError({ request: 'GET /signup-plus/accounts', issues: [], body, secrets }).bodyExcerpt;

describe('bodyExcerpt', () => {
  it('keeps a short body whole, without an ellipsis', () => {
    expect(excerptOf('<html>Bad gateway</html>')).toBe('<html>Bad gateway</html>');
    expect(excerptOf('x'.repeat(200))).toBe('x'.repeat(200));
  });

  it('cuts a long body at 200 characters and marks the cut', () => {
    expect(excerptOf('y'.repeat(201))).toBe(`${'y'.repeat(200)}…`);
  });

  // The marker starts at every position around the cut: it is shown whole or not at all.
  it.each(Array.from({ length: 16 }, (_, i) => 185 + i))('never ends inside [REDACTED] when it starts at character %i', (start) => {
    const body = `${'a'.repeat(start)}${SECRET}${'b'.repeat(300)}`;
    const out = excerptOf(body)!;
    expect(out.endsWith('…')).toBe(true);
    const shown = out.slice(0, -1);
    const whole = start + REDACTED.length <= 200;
    expect(shown).toBe(whole ? `${'a'.repeat(start)}${REDACTED}${'b'.repeat(200 - start - REDACTED.length)}` : 'a'.repeat(start));
    expect(out).not.toContain(SECRET.slice(0, 4));
  });

  it('keeps a "[" of the body itself that closes before the cut', () => {
    const body = `${'c'.repeat(192)}[ok]${'d'.repeat(100)}`;
    expect(excerptOf(body)).toBe(`${'c'.repeat(192)}[ok]${'d'.repeat(4)}…`);
  });

  // A marker starting at character 190 would end at the cut, "]" included: an open "[" there is the body's own.
  it('keeps an unclosed "[" of the body at character 190, where no cut marker can start', () => {
    const body = `${'f'.repeat(190)}[${'g'.repeat(100)}`;
    expect(excerptOf(body)).toBe(`${'f'.repeat(190)}[${'g'.repeat(9)}…`);
  });

  it('still drops a cut marker when the body had a closed "[...]" earlier', () => {
    const body = `[ok]${'a'.repeat(187)}${SECRET}${'b'.repeat(300)}`;
    expect(excerptOf(body)).toBe(`[ok]${'a'.repeat(187)}…`);
  });

  // The scan limit bounds the redaction work on a huge body: what only a read past 64 KiB could recognise (here a
  // JWT's first dot) is not looked for, and the excerpt is that of the body's first 64 KiB.
  it('reads only the first 64 KiB of a huge body to redact it', () => {
    const body = `<p>eyJ${'A'.repeat(64 * 1024)}.${'B'.repeat(40)}.${'C'.repeat(40)}`;
    expect(excerptOf(body)).toBe(`<p>eyJ${'A'.repeat(194)}…`);
    expect(excerptOf(body)).toBe(excerptOf(body.slice(0, 64 * 1024)));
  });

  it('redacts before cutting, so a secret straddling the cut is not half-shown', () => {
    const body = `${'e'.repeat(195)}${SECRET}`;
    expect(excerptOf(body)).toBe(`${'e'.repeat(195)}…`);
  });
});
