// The dialog's sealed hidden field: what one page seals the next opens, unchanged; anything edited, foreign,
// malformed, oversized or older than DIALOG_TTL_MS is refused (a forged state could carry an unchecked redirect_uri).
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDialogSealer, DIALOG_TTL_MS } from '../../mocks/dialog-state.ts';

const KEY = Buffer.alloc(32, 7);
const STATE = { clientId: 'app', redirectUri: 'https://app.example/callback', step: 'select', banks: ['mock-single-account'] };

function sealerAt(start = 1_700_000_000_000) {
  const clock = { now: start };
  return { clock, sealer: createDialogSealer(() => clock.now, KEY) };
}

/** A text signed with the mock's key around any payload: only the content checks can refuse it. */
function signed(payload: string, key: Buffer = KEY): string {
  const encoded = Buffer.from(payload).toString('base64url');
  return `${encoded}.${createHmac('sha256', key).update(encoded).digest('base64url')}`;
}

describe('the dialog sealer', () => {
  it('opens what it sealed, unchanged, as JSON signed with HMAC-SHA256 over the payload and its time', () => {
    const { clock, sealer } = sealerAt();
    const text = sealer.seal(STATE);
    expect(sealer.open(text)).toStrictEqual(STATE);
    expect(text).toBe(signed(JSON.stringify({ v: STATE, at: clock.now })));
  });

  it('lives DIALOG_TTL_MS (30 minutes) on the injected clock, not a millisecond more', () => {
    expect(DIALOG_TTL_MS).toBe(30 * 60 * 1000);
    const { clock, sealer } = sealerAt();
    const text = sealer.seal(STATE);
    clock.now += DIALOG_TTL_MS;
    expect(sealer.open(text)).toStrictEqual(STATE);
    clock.now += 1;
    expect(sealer.open(text)).toBeUndefined();
  });

  it('refuses a text sealed by another mock (another key) or edited', () => {
    const { clock, sealer } = sealerAt();
    const other = createDialogSealer(() => clock.now, Buffer.alloc(32, 8)).seal(STATE);
    expect(sealer.open(other)).toBeUndefined();
    const text = sealer.seal(STATE);
    const [payload, signature] = text.split('.') as [string, string];
    const edited = Buffer.from(JSON.stringify({ v: { ...STATE, redirectUri: 'javascript:alert(1)' }, at: clock.now })).toString('base64url');
    expect(sealer.open(`${edited}.${signature}`)).toBeUndefined();
    // A signature cut short or padded is refused without throwing (timingSafeEqual needs equal lengths).
    expect(sealer.open(`${payload}.${signature.slice(0, -2)}`)).toBeUndefined();
    expect(sealer.open(`${payload}.${signature}AA`)).toBeUndefined();
  });

  it('refuses a text that is not payload.signature', () => {
    const { sealer } = sealerAt();
    const text = sealer.seal(STATE);
    for (const malformed of ['', '.', 'x', `${text}.`, `${text}.x`, `.${text.split('.')[1]}`, `${text.split('.')[0]}.`]) {
      expect(sealer.open(malformed), malformed).toBeUndefined();
    }
  });

  it('refuses a signed payload that is not an object with a time', () => {
    const { clock, sealer } = sealerAt();
    for (const payload of [
      'not json',
      JSON.stringify({ v: STATE }),
      JSON.stringify({ v: STATE, at: String(clock.now) }),
      JSON.stringify({ at: clock.now }),
      JSON.stringify({ v: null, at: clock.now }),
      JSON.stringify({ v: 'text', at: clock.now }),
      JSON.stringify({ v: 1, at: clock.now }),
    ]) {
      expect(sealer.open(signed(payload)), payload).toBeUndefined();
    }
    expect(sealer.open(signed(JSON.stringify({ v: STATE, at: clock.now })))).toStrictEqual(STATE);
  });

  it('opens a sealed text of up to 8,192 characters and refuses a longer one unread', () => {
    const { sealer } = sealerAt();
    const sealedOfLength = (length: number): string => {
      // BASE64URL turns 3 bytes into 4 characters: start just below the payload size that gives this length.
      const start = Math.floor(((length - 44) * 3) / 4) - JSON.stringify({ v: { pad: '' }, at: 0 }).length - 16;
      for (let pad = start; pad < start + 24; pad++) {
        const text = sealer.seal({ pad: 'x'.repeat(pad) });
        if (text.length === length) return text;
      }
      throw new Error(`no sealed text of ${length} characters`);
    };
    expect(sealer.open(sealedOfLength(8192))).toMatchObject({ pad: expect.any(String) });
    expect(sealer.open(sealedOfLength(8194))).toBeUndefined();
  });
});
