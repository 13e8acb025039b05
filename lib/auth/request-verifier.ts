// The process's token verifier, made once from the sign-in settings so that the issuer's keys stay cached.
import 'server-only';
import { authSettings } from '@/lib/env';
import { createTokenVerifier, scopeName, type TokenVerifier } from './verify-token';

let verifier: TokenVerifier | undefined;

export function requestVerifier(): TokenVerifier {
  if (!verifier) {
    const s = authSettings();
    verifier = createTokenVerifier({
      issuer: s.AUTH_ISSUER,
      audience: s.AUTH_AUDIENCE,
      requiredScope: scopeName(s.AUTH_API_SCOPE),
      tenantId: s.AUTH_TENANT_ID,
      jwksUri: s.AUTH_JWKS_URI,
      clockToleranceSeconds: s.AUTH_CLOCK_TOLERANCE_SECONDS,
    });
  }
  return verifier;
}
