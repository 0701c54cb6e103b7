/**
 * The only algorithm we sign with and the only one verification accepts. Pinning it closes
 * the `alg: none` and algorithm-confusion attacks (RFC 8725, section 3.1).
 */
export const ACCESS_TOKEN_ALGORITHM = 'ES256';

/** The JWT `typ` of access tokens (RFC 9068, section 2.1). */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
