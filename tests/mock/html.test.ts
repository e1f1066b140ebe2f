// The pages' escaping: every value put into a page's HTML is escaped unless it is already Html, so a link's
// state, client_id or redirect_uri can never become markup (XSS) in text or in a quoted attribute.
import { describe, expect, it } from 'vitest';
import { escapeHtml, Html, html } from '../../mocks/html.ts';

describe('escapeHtml', () => {
  it('escapes the five characters that end text or a quoted attribute, every time they occur', () => {
    expect(escapeHtml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#39;f');
    expect(escapeHtml(`<<&&"''"`)).toBe('&lt;&lt;&amp;&amp;&quot;&#39;&#39;&quot;');
  });

  it('leaves every other character as it is', () => {
    const plain = 'Mock Bank: Joint account / é ü € 😀 = ; ` \\ {} ()';
    expect(escapeHtml(plain)).toBe(plain);
    expect(escapeHtml('')).toBe('');
  });
});

describe('the html tag', () => {
  it('escapes interpolated strings and numbers, in text and attributes, keeping the literal parts', () => {
    const evil = '"><script>alert(1)</script>';
    const out = html`<p title="${evil}">${evil} and ${42}</p>`;
    expect(out).toBeInstanceOf(Html);
    expect(out.text).toBe('<p title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; and 42</p>');
  });

  it('renders 0 and the empty string as themselves, and undefined, null and false as nothing', () => {
    expect(html`[${0}|${''}|${undefined}|${null}|${false}]`.text).toBe('[0||||]');
  });

  it('keeps Html as it is, and joins lists (nested too) with each item escaped on its own', () => {
    const bold = new Html('<b>kept</b>');
    expect(html`<div>${bold}</div>`.text).toBe('<div><b>kept</b></div>');
    expect(html`<ul>${['<a>', [bold, '&'], html`<li>${'<x>'}</li>`]}</ul>`.text).toBe('<ul>&lt;a&gt;<b>kept</b>&amp;<li>&lt;x&gt;</li></ul>');
    expect(html`${[]}`.text).toBe('');
  });

  it('works with no values, values at either end, and values next to each other', () => {
    expect(html`plain`.text).toBe('plain');
    expect(html`${'<'}`.text).toBe('&lt;');
    expect(html`${'a'}${'b'}-${'c'}`.text).toBe('ab-c');
  });

  it('turns into its text wherever a string is expected', () => {
    const page = new Html('<p>x</p>');
    expect(String(page)).toBe('<p>x</p>');
    expect(`${page}`).toBe('<p>x</p>');
  });
});
