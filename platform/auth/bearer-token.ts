/** Tokens longer than this are refused unparsed; ours are well under 1 KiB. */
const MAX_TOKEN_LENGTH = 4_096;

export type BearerToken =
  | { readonly kind: 'absent' }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'present'; readonly token: string };

/** Reads an `Authorization: Bearer` header (RFC 6750, section 2.1). */
export function readBearerToken(header: string | undefined): BearerToken {
  if (header === undefined || header === '') return { kind: 'absent' };

  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
  if (!match?.[1] || match[1].length > MAX_TOKEN_LENGTH) return { kind: 'malformed' };
  return { kind: 'present', token: match[1] };
}
