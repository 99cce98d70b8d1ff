import { ADMIN_SCOPE, type Scope } from '../scopes.js';
import type { Role } from './accounts.js';

/**
 * Who may call a group of endpoints, and the API reference section they stand in: spread into
 * each `endpoint()` declaration of the group. The literal types are kept (`'projects:read'`,
 * `['requester']`), as `endpoint()` keeps them, for the route's auth check and OpenAPI security.
 */
export function access<
  const Tag extends string,
  const S extends Scope,
  const R extends readonly Role[],
>(tag: Tag, scope: S, roles: R) {
  return { tag, auth: { scope, roles } };
}

/** The scope families that have both a `:read` and a `:write` scope: work, projects, money. */
export type ScopeFamily = {
  [S in Scope]: S extends `${infer F}:read` ? (`${F}:write` extends Scope ? F : never) : never;
}[Scope];

/**
 * An area's two kinds of access: `read` needs the family's `:read` scope and `write` its
 * `:write` scope, for the same roles, e.g. `readWriteAccess('quality', 'projects', ['requester'])`.
 */
export function readWriteAccess<
  const Tag extends string,
  const F extends ScopeFamily,
  const R extends readonly Role[],
>(tag: Tag, family: F, roles: R) {
  return {
    read: access(tag, `${family}:read`, roles),
    write: access(tag, `${family}:write`, roles),
  };
}

/** Admin powers: the admin role and the admin scope, both and only them (plugins/auth.ts checks). */
export const adminOnly = access('admin', ADMIN_SCOPE, ['admin']);
