/**
 * Every error code a client can see in `extensions.code`, with its meaning. This is the one
 * registry; README.md documents the same table and a test keeps the two in step.
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: 'The request carries no valid access token, or the token was revoked.',
  FORBIDDEN: 'The caller is signed in but may not perform this operation.',
  BAD_USER_INPUT: 'An argument failed validation; `extensions.field` names it when known.',
  NOT_FOUND: 'The addressed record does not exist or is not visible to the caller.',
  CONFLICT: 'The change conflicts with the current state, such as a duplicate.',
  RATE_LIMITED: 'Too many attempts; `extensions.retryAfterSeconds` says when to try again.',
  UPSTREAM_ERROR: 'A service this request depends on failed or is unreachable.',
  INTERNAL_SERVER_ERROR: 'An unexpected failure; details are logged on the server only.',
  INVITE_EXPIRED: 'The invitation has expired; ask for a new one.',
  INVITE_REVOKED: 'The invitation was revoked by an administrator.',
  INVITE_ALREADY_USED: 'The invitation has already been accepted.',
  INVITE_EMAIL_MISMATCH: "The invitation was sent to another address than the user's verified one.",
  ALREADY_A_MEMBER: 'The user already belongs to the organization.',
  IDEMPOTENCY_KEY_REUSED: 'The idempotency key was already used with other input; send a new one.',
  GRAPHQL_PARSE_FAILED: 'The document is not valid GraphQL syntax.',
  GRAPHQL_VALIDATION_FAILED: 'The document does not validate against the schema or a limit.',
  BAD_REQUEST: 'The HTTP request itself is malformed (body, method, headers or size).',
  PERSISTED_QUERY_NOT_FOUND: 'An automatic persisted query hash is not known yet.',
  PERSISTED_QUERY_NOT_SUPPORTED: 'Automatic persisted queries are disabled on this server.',
  OPERATION_RESOLUTION_FAILURE: 'The operation named in the request is not in the document.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}
