// The token request's fields, from either body TrueLayer accepts: form-urlencoded (its docs' curl, the .NET SDK)
// or a JSON object (its own OpenAPI description, the Java, PHP and Rust SDKs). Both give the same fields, so
// the token endpoint reads one and answers both alike.

/** The fields as form parameters (repeated names kept, so a duplicate can be refused), or undefined when unreadable. */
export function tokenRequestFields(contentType: string | undefined, body: Buffer): URLSearchParams | undefined {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return new URLSearchParams(body.toString('utf8'));
  if (type !== 'application/json') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const fields = new URLSearchParams();
  for (const [name, value] of Object.entries(parsed)) {
    // Every field of the request is a string; anything else is a malformed request, not a value to coerce.
    if (typeof value !== 'string') return undefined;
    fields.append(name, value);
  }
  return fields;
}
