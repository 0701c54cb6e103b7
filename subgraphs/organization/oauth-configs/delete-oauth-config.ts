import { notFound } from '../../../platform/errors/app-error.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { OrganizationContext } from '../context.js';

/** Deletes a configuration and, with its row, its sealed client secret. */
export async function deleteOAuthConfig(context: OrganizationContext, id: string) {
  const config = await context.loaders.oauthConfigs.load(id);
  if (!config) throw notFound('The SSO configuration');

  return context.db.$transaction(async (tx) => {
    const deleted = await tx.oAuthConfig.deleteMany({ where: { id } });
    if (deleted.count === 0) throw notFound('The SSO configuration');
    await recordAuditEvent(tx, context, {
      organizationId: config.organizationId,
      action: 'oauth_config.deleted',
      targetType: 'OAuthConfig',
      targetId: id,
      details: { name: config.name },
    });
    return true;
  });
}
