import type { OrganizationLocator } from './role-in-organization.js';

type Args = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' ? value : null);

/** `organizationId` given directly as an argument. */
export const organizationArgument: OrganizationLocator = (_parent, args) =>
  text(args.organizationId);

/** `organizationId` inside the `input` argument. */
export const organizationInInput: OrganizationLocator = (_parent, args) =>
  text((args.input as Args | undefined)?.organizationId);

/** The organization being read. */
export const organizationItself: OrganizationLocator = (parent) =>
  text((parent as { id?: unknown }).id);

/** The organization a record (invite, domain, audit event, …) belongs to. */
export const parentOrganization: OrganizationLocator = (parent) =>
  text((parent as { organizationId?: unknown }).organizationId);

export const inviteById: OrganizationLocator = async (_parent, args, context) =>
  (await context.loaders.invites.load(String(args.id)))?.organizationId;

export const joinRequestById: OrganizationLocator = async (_parent, args, context) =>
  (await context.loaders.joinRequests.load(String(args.id)))?.organizationId;

export const domainById: OrganizationLocator = async (_parent, args, context) => {
  const id = args.id ?? (args.input as Args | undefined)?.id;
  return (await context.loaders.domains.load(String(id)))?.organizationId;
};

export const oauthConfigById: OrganizationLocator = async (_parent, args, context) =>
  (await context.loaders.oauthConfigs.load(String(args.id)))?.organizationId;
