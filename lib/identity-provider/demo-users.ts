// The people who can sign in at the bundled identity provider: one per role and one with no role at all.
import type { Role } from '@/lib/auth/roles';

export interface DemoUser {
  /** What to type in the login field; also the token's `sub`. */
  login: string;
  name: string;
  email: string;
  /** Stable object id, like Entra ID's `oid`: what audit trails should record. */
  oid: string;
  roles: readonly Role[];
}

/** Every demo user signs in with this password; the provider is a local test double, not a vault. */
export const DEMO_PASSWORD = 'huntboard';

/** The `tid` claim of every demo token, so that tenant checks can be exercised against the demo provider. */
export const DEMO_TENANT_ID = '8f0e5a3c-1d2b-4c6e-9a7f-0b1c2d3e4f50';

export const DEMO_USERS = [
  {
    login: 'analyst',
    name: 'Ana Analyst',
    email: 'analyst@huntboard.test',
    oid: '3a6f0f4e-5d1b-4b8e-a2c4-0d1e2f3a4b01',
    roles: ['Analyst'],
  },
  {
    login: 'triager',
    name: 'Tristan Triager',
    email: 'triager@huntboard.test',
    oid: '3a6f0f4e-5d1b-4b8e-a2c4-0d1e2f3a4b02',
    roles: ['Triager'],
  },
  {
    login: 'manager',
    name: 'Mona Manager',
    email: 'manager@huntboard.test',
    oid: '3a6f0f4e-5d1b-4b8e-a2c4-0d1e2f3a4b03',
    roles: ['Manager'],
  },
  {
    login: 'nobody',
    name: 'Nico Nobody',
    email: 'nobody@huntboard.test',
    oid: '3a6f0f4e-5d1b-4b8e-a2c4-0d1e2f3a4b04',
    roles: [],
  },
] as const satisfies readonly DemoUser[];

export type DemoLogin = (typeof DEMO_USERS)[number]['login'];

export function findDemoUser(login: string): DemoUser | undefined {
  const wanted = login.trim().toLowerCase();
  return DEMO_USERS.find((user) => user.login === wanted);
}
