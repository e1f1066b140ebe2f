// Escaped HTML by construction: the `html` tag escapes every interpolated value unless it is already Html, so a
// page cannot render a query parameter (state, client_id, redirect_uri...) as markup by forgetting to escape it.

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in text and in quoted attribute values alike. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ENTITIES[char] as string);
}

type Interpolated = Html | string | number | undefined | null | false | readonly Interpolated[];

function piece(value: Interpolated): string {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(piece).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolated[]): Html {
  // A tag gets one string more than values: each string after the first follows the value before it.
  return new Html(strings.reduce((out, text, index) => out + piece(values[index - 1]) + text));
}
