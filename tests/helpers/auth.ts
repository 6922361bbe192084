/**
 * Admin users, roles and API tokens for integration tests, created through Strapi's own admin services
 * (so passwords are hashed and permissions are synced exactly as in the panel), then logged in over HTTP.
 *
 * Admin auth in Strapi ≥ 5.24 is session based: a JWT signed by hand is refused, so we POST /admin/login
 * and use `body.data.token` as the Bearer token. POST /admin/login is rate limited (5 per 5 min per
 * email + path + ip), so every call here uses a fresh email.
 */
import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Agent } from './strapi';

export const SUPER_ADMIN_CODE = 'strapi-super-admin';

/** A permission for `admin::role.assignPermissions`; a bare string is a plugin action with no subject. */
export type PermissionInput =
  | string
  | { action: string; subject?: string | null; properties?: Record<string, unknown>; conditions?: string[] };

export interface AdminOptions {
  /**
   * An existing role's code: 'strapi-super-admin' (default), 'strapi-editor', 'strapi-author', or a custom role's.
   * Ignored when `permissions` is given.
   */
  roleCode?: string;
  /** Create a new role holding exactly these permissions (e.g. ['plugin::segments.read']); [] = no permission. */
  permissions?: PermissionInput[];
  email?: string;
  password?: string;
  firstname?: string;
  lastname?: string;
}

export interface AdminSession {
  user: { id: number; documentId?: string; email: string; [key: string]: unknown };
  role: { id: number; code: string; name: string };
  email: string;
  password: string;
  /** the admin access token (Bearer) */
  token: string;
  /** `{ Authorization: 'Bearer …' }`, for `.set(session.headers)` */
  headers: { Authorization: string };
}

let counter = 0;
const uniqueSuffix = () => `${Date.now().toString(36)}${(counter++).toString(36)}${crypto.randomBytes(2).toString('hex')}`;

function toPermission(p: PermissionInput) {
  if (typeof p === 'string') return { action: p, subject: null, properties: {}, conditions: [] };
  return { subject: null, properties: {}, conditions: [], ...p };
}

/** Creates a role holding exactly `permissions` and returns it. */
export async function createRoleWithPermissions(
  strapi: Core.Strapi,
  permissions: PermissionInput[],
  name = `Test role ${uniqueSuffix()}`,
): Promise<AdminSession['role']> {
  const roleService = strapi.service('admin::role') as any;
  const role = await roleService.create({ name, description: 'created by the test suite' });
  if (permissions.length > 0) {
    await roleService.assignPermissions(role.id, permissions.map(toPermission));
  }
  return role;
}

/**
 * Creates an active admin user (super admin by default, or with a custom role holding only `permissions`)
 * and logs it in through POST /admin/login.
 */
export async function createAdminAndLogin(strapi: Core.Strapi, agent: Agent, options: AdminOptions = {}): Promise<AdminSession> {
  let role: AdminSession['role'];
  if (options.permissions) {
    role = await createRoleWithPermissions(strapi, options.permissions);
  } else {
    const code = options.roleCode ?? SUPER_ADMIN_CODE;
    const found = await strapi.db.query('admin::role').findOne({ where: { code } });
    if (!found) throw new Error(`createAdminAndLogin: no admin role with code "${code}"`);
    role = found as AdminSession['role'];
  }

  const suffix = uniqueSuffix();
  const email = options.email ?? `admin-${suffix}@segments.test`;
  const password = options.password ?? `Test-${suffix}-Passw0rd`;
  const user = await (strapi.service('admin::user') as any).create({
    email,
    firstname: options.firstname ?? 'Test',
    lastname: options.lastname ?? `Admin ${suffix}`,
    password,
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });

  const res = await agent.post('/admin/login').send({ email, password });
  if (res.status !== 200 || !res.body?.data?.token) {
    throw new Error(`createAdminAndLogin: POST /admin/login answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  const token: string = res.body.data.token;
  return { user, role, email, password, token, headers: { Authorization: `Bearer ${token}` } };
}

export interface ApiTokenOptions {
  type: 'read-only' | 'full-access' | 'custom';
  /** content-API action ids for a custom token, e.g. ['plugin::segments.segment.count'] */
  permissions?: string[];
  name?: string;
  /** ms; null or omitted = never expires (Strapi accepts only its fixed lifespans: 7, 30, 90 days) */
  lifespan?: number | null;
}

export interface ApiToken {
  id: number;
  /** the clear access key, for `Authorization: Bearer <accessKey>` */
  accessKey: string;
  headers: { Authorization: string };
  [key: string]: unknown;
}

/** Creates a content-API token (the "legacy" kind: read-only, full-access or custom) and returns its clear key. */
export async function createApiToken(strapi: Core.Strapi, options: ApiTokenOptions): Promise<ApiToken> {
  const token = await (strapi.service('admin::api-token') as any).create({
    name: options.name ?? `test-token-${uniqueSuffix()}`,
    description: 'created by the test suite',
    kind: 'content-api',
    type: options.type,
    lifespan: options.lifespan ?? null,
    ...(options.type === 'custom' ? { permissions: options.permissions ?? [] } : {}),
  });
  return { ...token, headers: { Authorization: `Bearer ${token.accessKey}` } };
}
