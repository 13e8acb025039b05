// Roles from a token claim: exact names only, and deny by default.
import { describe, expect, it } from 'vitest';
import { hasAnyRole, rolesFromClaim } from './roles';

describe('rolesFromClaim', () => {
  it('keeps Huntboard’s roles, exactly as spelled, in Huntboard’s order', () => {
    expect(rolesFromClaim(['Manager', 'Other.App.Role', 'analyst', 'Analyst'])).toEqual([
      'Analyst',
      'Manager',
    ]);
  });

  it('reads no roles from a missing or malformed claim', () => {
    expect(rolesFromClaim(undefined)).toEqual([]);
    expect(rolesFromClaim('Analyst')).toEqual([]);
    expect(rolesFromClaim({ 0: 'Analyst' })).toEqual([]);
  });
});

describe('hasAnyRole', () => {
  it('admits a holder of one allowed role and nobody when none is allowed', () => {
    expect(hasAnyRole(['Triager'], ['Analyst', 'Triager'])).toBe(true);
    expect(hasAnyRole(['Manager'], ['Analyst', 'Triager'])).toBe(false);
    expect(hasAnyRole([], ['Analyst'])).toBe(false);
    expect(hasAnyRole(['Analyst', 'Triager', 'Manager'], [])).toBe(false);
  });
});
