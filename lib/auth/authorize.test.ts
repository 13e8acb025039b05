// Role checks and the refusals they produce: deny by default, roles only, answers a client can act on.
import { describe, expect, it } from 'vitest';
import { authorize } from './authorize';
import { ForbiddenError, UnauthenticatedError } from './errors';
import type { Principal } from './principal';

const principal = (roles: Principal['roles']): Principal => ({
  id: 'oid-1',
  subject: 'sub-1',
  username: 'manager@huntboard.test',
  roles,
  scopes: ['huntboard.access'],
});

describe('authorize', () => {
  it('allows a caller holding one of the allowed roles', () => {
    expect(() => authorize(principal(['Triager']), ['Analyst', 'Triager'])).not.toThrow();
  });

  it('refuses a caller holding none of them, naming the roles that would do', () => {
    const call = () => authorize(principal(['Manager']), ['Analyst', 'Triager']);
    expect(call).toThrow(ForbiddenError);
    expect(call).toThrow(/Analyst, Triager/);
  });

  it('refuses everybody when a route allows no role', () => {
    expect(() => authorize(principal(['Analyst', 'Triager', 'Manager']), [])).toThrow(ForbiddenError);
  });

  it('refuses a caller without roles', () => {
    expect(() => authorize(principal([]), ['Analyst'])).toThrow(ForbiddenError);
  });
});

describe('refusals as problem details', () => {
  it('a missing role is a 403 without a bearer challenge: a new token would not help', () => {
    const problem = new ForbiddenError('role', ['Analyst']).toProblem();
    expect(problem).toMatchObject({ status: 403, title: 'Forbidden', extensions: { reason: 'role' } });
    expect(problem.headers).toBeUndefined();
  });

  it('an invalid token is a 401 with an RFC 6750 challenge', () => {
    const problem = new UnauthenticatedError('expired').toProblem();
    expect(problem.status).toBe(401);
    expect(problem.headers?.['www-authenticate']).toBe(
      'Bearer realm="huntboard", error="invalid_token", error_description="The access token has expired. Renew it or sign in again."',
    );
  });
});
