import type { Resolvers } from '../generated/resolvers-types.js';
import { paginate } from '../paginate.js';
import { deleteOAuthConfig } from './delete-oauth-config.js';
import { saveOAuthConfig } from './save-oauth-config.js';

/** OAuth/SSO configurations: Entra ID, Okta or any OpenID Connect provider. */
export const oauthConfigsResolvers: Resolvers = {
  Mutation: {
    saveOAuthConfig: (_parent, args, context) => saveOAuthConfig(context, args.input),
    deleteOAuthConfig: (_parent, args, context) => deleteOAuthConfig(context, args.id),
  },
  Organization: {
    oauthConfigs: (organization, args, context) =>
      paginate(context.db.oAuthConfig, { organizationId: organization.id }, args),
  },
  OAuthConfig: {
    // The sealed secret is no field of the type; only whether there is one is told.
    hasClientSecret: (config) => config.clientSecretSealed !== null,
  },
};
