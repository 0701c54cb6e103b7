/** What identity resolvers hand out for each GraphQL type (see `mappers` in codegen.ts). */
export type { User as UserModel } from '../../generated/prisma/client.js';
export type { AuthPayloadModel } from './accounts/auth-payload.js';
export type { Session as SessionModel } from '../../generated/prisma/client.js';
