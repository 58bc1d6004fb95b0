import {
  type PermissionModel,
  parseQualifiedName,
  type SchemaModel,
  type SourceLocation,
  sameName,
} from '../schema-model.ts'

/** Whether a principal holds a permission on an object, and the statement that decides it. */
export interface AccessVerdict {
  allowed: boolean
  /** For the learner: "DENY SELECT ON SCHEMA::dbo TO reader", "member of db_datareader"… */
  because: string
  source?: SourceLocation
}

const READ_ROLES: Record<string, { allow?: string[]; deny?: string[] }> = {
  db_datareader: { allow: ['SELECT'] },
  db_datawriter: { allow: ['INSERT', 'UPDATE', 'DELETE'] },
  db_denydatareader: { deny: ['SELECT'] },
  db_denydatawriter: { deny: ['INSERT', 'UPDATE', 'DELETE'] },
}

/** The principal, every role it belongs to (directly or through other roles), and `public`. */
export function principalsOf(model: SchemaModel, principal: string): string[] {
  const memberships = model.permissions?.memberships ?? []
  const all = [principal, 'public']
  for (let i = 0; i < all.length; i++)
    for (const m of memberships)
      if (sameName(m.member, all[i]!) && !all.some((p) => sameName(p, m.role))) all.push(m.role)
  return all
}

/**
 * What SQL Server would decide for `permission` (SELECT, EXECUTE…) on `object` (`schema.name`)
 * from the GRANTs, DENYs and role memberships in the model: a DENY anywhere wins, then a GRANT on the
 * object, its schema or the database, or a fixed role that implies it. Ownership chains are not
 * followed: ask about the object the user names.
 */
export function effectivePermission(
  model: SchemaModel,
  principal: string,
  permission: string,
  object: string,
): AccessVerdict {
  const principals = principalsOf(model, principal)
  const q = parseQualifiedName(object)
  const memberOf = (role: string) => principals.some((p) => sameName(p, role))
  if (memberOf('db_owner')) return { allowed: true, because: `${principal} is a member of db_owner` }
  const applies = (p: PermissionModel) =>
    principals.some((x) => sameName(x, p.principal)) &&
    (sameName(p.permission, permission) || p.permission === 'ALL' || p.permission === 'CONTROL') &&
    (p.securable.class === 'DATABASE' ||
      (p.securable.class === 'SCHEMA' && sameName(p.securable.name, q.schema)) ||
      (p.securable.class === 'OBJECT' && sameName(p.securable.name, `${q.schema}.${q.name}`)))
  const permissions = model.permissions?.permissions ?? []
  const deny = permissions.find((p) => p.state === 'DENY' && applies(p))
  if (deny)
    return { allowed: false, because: describe(deny), ...(deny.source ? { source: deny.source } : {}) }
  for (const [role, rights] of Object.entries(READ_ROLES))
    if (rights.deny?.includes(permission.toUpperCase()) && memberOf(role))
      return {
        allowed: false,
        because: `${principal} is a member of ${role}`,
        ...membershipSource(model, role),
      }
  const grant = permissions.find((p) => p.state === 'GRANT' && applies(p))
  if (grant)
    return { allowed: true, because: describe(grant), ...(grant.source ? { source: grant.source } : {}) }
  for (const [role, rights] of Object.entries(READ_ROLES))
    if (rights.allow?.includes(permission.toUpperCase()) && memberOf(role))
      return {
        allowed: true,
        because: `${principal} is a member of ${role}`,
        ...membershipSource(model, role),
      }
  return { allowed: false, because: `no GRANT of ${permission} on ${object} reaches ${principal}` }
}

function membershipSource(model: SchemaModel, role: string): { source?: SourceLocation } {
  const m = model.permissions?.memberships.find((x) => sameName(x.role, role))
  return m?.source ? { source: m.source } : {}
}

function describe(p: PermissionModel): string {
  const on =
    p.securable.class === 'DATABASE'
      ? ''
      : ` ON ${p.securable.class === 'SCHEMA' ? 'SCHEMA::' : ''}${p.securable.name}`
  return `${p.state} ${p.permission}${on} TO ${p.principal}`
}
