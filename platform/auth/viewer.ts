import type { AccessTokenClaims } from './access-token.js';

/** The signed-in caller of a request, as proven by a verified access token. */
export type Viewer = AccessTokenClaims;
