/**
 * Admin super-users for the playground: the demo creates one, tests can reuse these helpers.
 *
 * Strapi 5.24+ authenticates admins with sessions, so a hand-signed JWT is refused: create the user with
 * the admin user service, then log in over HTTP (`loginAdmin`) and use the returned token as Bearer.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Core } from '@strapi/strapi';

type Strapi = Core.Strapi;

export const DEFAULT_ADMIN_EMAIL = 'admin@example.com';

/** Strapi's admin password rules: 8+ characters, at most 72 bytes, a lowercase, an uppercase and a digit. */
export function adminPasswordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < 8) problems.push('at least 8 characters');
  if (new TextEncoder().encode(password).length > 72) problems.push('at most 72 bytes');
  if (!/[a-z]/.test(password)) problems.push('a lowercase letter');
  if (!/[A-Z]/.test(password)) problems.push('an uppercase letter');
  if (!/\d/.test(password)) problems.push('a digit');
  return problems;
}

/** A random password that satisfies Strapi's rules, e.g. `Demo-k3VqP9xT2mWz-7`. */
export function generateAdminPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(12);
  let body = '';
  for (const b of bytes) body += alphabet[b % alphabet.length];
  return `Demo-${body}-${randomInt(10, 100)}`;
}

export interface AdminUserOptions {
  email: string;
  password: string;
  firstname?: string;
  lastname?: string;
}

/** Creates an active super admin (no registration step). Throws if the password breaks Strapi's rules. */
export async function createSuperAdmin(strapi: Strapi, options: AdminUserOptions): Promise<any> {
  const problems = adminPasswordProblems(options.password);
  if (problems.length) throw new Error(`Admin password needs ${problems.join(', ')}`);
  const superAdminRole = await strapi.service('admin::role').getSuperAdmin();
  if (!superAdminRole) throw new Error('The super admin role does not exist yet (has Strapi finished loading?)');
  return strapi.service('admin::user').create({
    email: options.email.trim().toLowerCase(),
    password: options.password,
    firstname: options.firstname ?? 'Demo',
    lastname: options.lastname ?? 'Admin',
    isActive: true,
    registrationToken: null,
    roles: [superAdminRole.id],
  });
}

export interface EnsuredAdmin {
  email: string;
  /** the password to log in with when known (created now, or given), else null */
  password: string | null;
  created: boolean;
  /** true when an existing user's password was set to the given one */
  passwordReset: boolean;
}

/**
 * Makes sure the app has a super admin to log in with.
 * - No admin user at all: creates `email` (default admin@example.com) with `password` or a generated one.
 * - A user with `email` exists and a `password` is given: sets that password, so known credentials
 *   always work (`DEMO_ADMIN_PASSWORD=... npm run demo` recovers a lost demo password).
 * - An `email` given explicitly that does not exist yet: created as above, next to the other admins.
 * - Otherwise nothing changes; the answer names an existing super admin, password unknown (null).
 */
export async function ensureSuperAdmin(
  strapi: Strapi,
  options: { email?: string; password?: string; firstname?: string; lastname?: string } = {},
): Promise<EnsuredAdmin> {
  const email = (options.email || DEFAULT_ADMIN_EMAIL).trim().toLowerCase();
  const users = strapi.db.query('admin::user');
  const existing = await users.findOne({ where: { email } });
  if (existing) {
    if (options.password) {
      const problems = adminPasswordProblems(options.password);
      if (problems.length) throw new Error(`Admin password needs ${problems.join(', ')}`);
      await strapi.service('admin::user').updateById(existing.id, { password: options.password, isActive: true });
      return { email, password: options.password, created: false, passwordReset: true };
    }
    return { email, password: null, created: false, passwordReset: false };
  }
  if ((await users.count()) > 0) {
    const superAdminRole = await strapi.service('admin::role').getSuperAdmin();
    const admin = await users.findOne({
      where: superAdminRole ? { roles: { id: superAdminRole.id } } : {},
      orderBy: { id: 'asc' },
    });
    if (!options.email) return { email: admin?.email ?? '(unknown)', password: null, created: false, passwordReset: false };
  }
  const password = options.password || generateAdminPassword();
  await createSuperAdmin(strapi, { ...options, email, password });
  return { email, password, created: true, passwordReset: false };
}

/** `POST /admin/login` against a running server; returns the admin access token for `Authorization: Bearer`. */
export async function loginAdmin(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(new URL('/admin/login', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body: any = await res.json().catch(() => ({}));
  const token = body?.data?.token ?? body?.data?.accessToken;
  if (!res.ok || !token) throw new Error(`Admin login failed (${res.status}): ${JSON.stringify(body?.error ?? body)}`);
  return token;
}
