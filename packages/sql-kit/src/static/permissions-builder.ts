import { type PermissionModel, type PermissionsModel, parseQualifiedName, sameName } from '../schema-model.ts'
import type { ModelBuilder } from './model-builder.ts'

/** Roles every database has; `public` holds every user. */
export const FIXED_ROLES = [
  'public',
  'db_owner',
  'db_securityadmin',
  'db_accessadmin',
  'db_backupoperator',
  'db_ddladmin',
  'db_datawriter',
  'db_datareader',
  'db_denydatawriter',
  'db_denydatareader',
]
const BUILT_IN_USERS = ['dbo', 'guest', 'INFORMATION_SCHEMA', 'sys']

/** Applies CREATE ROLE/USER, role membership and GRANT/DENY/REVOKE to the permissions model. */
export class PermissionsBuilder {
  readonly model: PermissionsModel = { roles: [], users: [], memberships: [], permissions: [] }

  constructor(private readonly b: ModelBuilder) {
    b.model.permissions = this.model
  }

  isRole(name: string): boolean {
    return FIXED_ROLES.some((r) => sameName(r, name)) || this.model.roles.some((r) => sameName(r.name, name))
  }

  isUser(name: string): boolean {
    return (
      BUILT_IN_USERS.some((u) => sameName(u, name)) || this.model.users.some((u) => sameName(u.name, name))
    )
  }

  /** Whether a principal of that name exists (for `sys.database_principals` guards). */
  exists(name: string): boolean {
    return this.isRole(name) || this.isUser(name)
  }

  create(kind: 'role' | 'user', name: string, line: number): void {
    if (!this.b.applying) return
    if (this.exists(name)) {
      this.b.issue('semantic', line, `there is already a user or role named "${name}" in the database`)
      return
    }
    ;(kind === 'role' ? this.model.roles : this.model.users).push({ name, source: this.b.at(line) })
  }

  drop(name: string, line: number): void {
    if (!this.b.applying) return
    for (const list of [this.model.roles, this.model.users]) {
      const i = list.findIndex((p) => sameName(p.name, name))
      if (i >= 0) {
        list.splice(i, 1)
        return
      }
    }
    void line
  }

  membership(add: boolean, role: string, member: string, line: number): void {
    if (!this.b.applying) return
    if (!this.isRole(role)) {
      this.b.issue('semantic', line, `cannot alter the role "${role}": it does not exist`)
      return
    }
    if (!this.exists(member)) {
      this.b.issue('semantic', line, `cannot add or drop "${member}": no user or role has that name`)
      return
    }
    const list = this.model.memberships
    const index = list.findIndex((m) => sameName(m.role, role) && sameName(m.member, member))
    if (add && index < 0) list.push({ role, member, source: this.b.at(line) })
    else if (!add && index >= 0) list.splice(index, 1)
  }

  permission(
    action: 'GRANT' | 'DENY' | 'REVOKE',
    permission: string,
    securable: PermissionModel['securable'],
    principal: string,
    line: number,
  ): void {
    if (!this.b.applying) return
    if (!this.exists(principal)) {
      this.b.issue('semantic', line, `cannot find the user or role "${principal}"`)
      return
    }
    if (securable.class === 'SCHEMA' && !this.b.schemaExists(securable.name)) {
      this.b.issue('semantic', line, `cannot find the schema "${securable.name}"`)
      return
    }
    if (securable.class === 'OBJECT') {
      const q = parseQualifiedName(securable.name)
      if (!this.b.objectExists(q.schema, q.name)) {
        this.b.issue('semantic', line, `cannot find the object "${securable.name}"`)
        return
      }
    }
    const same = (p: PermissionModel) =>
      sameName(p.permission, permission) &&
      sameName(p.principal, principal) &&
      p.securable.class === securable.class &&
      sameName(p.securable.name, securable.name)
    // A GRANT replaces a DENY of the same permission and the other way round; REVOKE removes both.
    const kept = this.model.permissions.filter((p) => !same(p))
    this.model.permissions.splice(0, this.model.permissions.length, ...kept)
    if (action !== 'REVOKE')
      this.model.permissions.push({
        state: action,
        permission,
        securable,
        principal,
        source: this.b.at(line),
      })
  }
}
