// Prism's `Prefer` request header (`Prefer: code=404, example=account-not-found, dynamic=true, seed=7`), read the
// way Prism's own HTTP server reads it, so a developer can ask for one specific documented answer.
export interface Preference {
  status?: number;
  example?: string;
  dynamic?: boolean;
  seed?: string;
}

export type PreferResult = { ok: true; preference: Preference } | { ok: false; reason: string } | undefined;

export function readPrefer(header: string | string[] | undefined): PreferResult {
  if (header === undefined) return undefined;
  const text = Array.isArray(header) ? header.join(',') : header;
  const preference: Preference = {};
  for (const item of text.split(/[,;]/)) {
    // An empty item gives the empty key, which no preference has.
    const eq = item.indexOf('=');
    const key = (eq === -1 ? item : item.slice(0, eq)).trim().toLowerCase();
    const value = (eq === -1 ? '' : item.slice(eq + 1)).trim().replace(/^"(.*)"$/, '$1');
    if (key === 'code') {
      if (!/^\d{3}$/.test(value)) return { ok: false, reason: `Prefer: code must be a three-digit status, got "${value.slice(0, 20)}".` };
      preference.status = Number(value);
    } else if (key === 'example') {
      if (!value) return { ok: false, reason: 'Prefer: example needs a name.' };
      preference.example = value;
    } else if (key === 'dynamic') {
      if (value !== 'true' && value !== 'false') return { ok: false, reason: 'Prefer: dynamic must be true or false.' };
      preference.dynamic = value === 'true';
    } else if (key === 'seed') {
      preference.seed = value;
    }
    // Other preferences (return=minimal, respond-async...) are not Prism's; ignored as RFC 7240 allows.
  }
  if (preference.status === undefined && preference.example === undefined && preference.dynamic === undefined) return undefined;
  return { ok: true, preference };
}
