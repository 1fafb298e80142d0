import { SignJWT, createRemoteJWKSet, importSPKI, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { isRole, type Principal, type RoleGrant } from '../domain/roles.js';

/** Where verification keys come from: a shared secret (local use), a public key, or a JWKS URL (identity provider). */
export type KeySource = { kind: 'secret'; secret: Uint8Array } | { kind: 'public_key'; pem: string; algorithm: string } | { kind: 'jwks'; url: string };

export interface TokenSettings {
  issuer: string;
  audience: string;
  keys: KeySource;
}

/** Why a token was refused; recorded with failed sign-ins, never the token itself. */
export type TokenFailure = 'missing' | 'malformed' | 'bad_signature' | 'expired' | 'wrong_issuer' | 'wrong_audience' | 'bad_claims';

export class TokenRejectedError extends Error {
  readonly code = 'auth.token_rejected';
  constructor(readonly failure: TokenFailure) {
    super(`Bearer token rejected: ${failure}`);
    this.name = 'TokenRejectedError';
  }
}

export interface VerifiedToken {
  principal: Principal;
  /** `sub` even when the grants are unusable, so a refusal can be attributed. */
  subject: string;
}

const GRANTS_CLAIM = 'grants';

export class TokenVerifier {
  private readonly key: Promise<Uint8Array | Awaited<ReturnType<typeof importSPKI>> | JWTVerifyGetKey>;
  private readonly algorithms: string[];

  constructor(private readonly settings: TokenSettings) {
    const keys = settings.keys;
    this.algorithms = keys.kind === 'secret' ? ['HS256'] : keys.kind === 'public_key' ? [keys.algorithm] : ['RS256', 'PS256', 'ES256', 'EdDSA'];
    this.key =
      keys.kind === 'secret'
        ? Promise.resolve(keys.secret)
        : keys.kind === 'public_key'
          ? importSPKI(keys.pem, keys.algorithm)
          : Promise.resolve(createRemoteJWKSet(new URL(keys.url)));
  }

  async verify(authorization: string | undefined): Promise<VerifiedToken> {
    if (!authorization) throw new TokenRejectedError('missing');
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization.trim());
    if (!match) throw new TokenRejectedError('malformed');
    let payload: Record<string, unknown>;
    try {
      const key = await this.key;
      ({ payload } = await jwtVerify(match[1]!, key as Uint8Array, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: this.algorithms,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw new TokenRejectedError(failureOf(error));
    }
    const subject = typeof payload.sub === 'string' ? payload.sub : '';
    return { subject, principal: { userId: subject, grants: grantsOf(payload[GRANTS_CLAIM]) } };
  }
}

function failureOf(error: unknown): TokenFailure {
  const { code, claim } = error as { code?: string; claim?: string };
  if (code === 'ERR_JWT_EXPIRED') return 'expired';
  if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' || code === 'ERR_JWKS_NO_MATCHING_KEY') return 'bad_signature';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'iss') return 'wrong_issuer';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'aud') return 'wrong_audience';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') return 'bad_claims';
  return 'malformed';
}

/** Unknown roles and malformed entries are dropped: a token with no usable grant authenticates but is allowed nothing. */
function grantsOf(claim: unknown): RoleGrant[] {
  if (!Array.isArray(claim)) return [];
  return claim.flatMap((entry) => {
    const { role, scope } = (entry ?? {}) as { role?: unknown; scope?: unknown };
    return isRole(role) && typeof scope === 'string' && /^[A-Z0-9]{2,8}$/.test(scope) ? [{ role, scope }] : [];
  });
}

/** Issues a token signed with the shared secret: for local use and tests; production tokens come from the identity provider. */
export async function issueLocalToken(
  settings: TokenSettings,
  claims: { subject: string; grants: RoleGrant[]; ttlSeconds?: number; name?: string },
  now = new Date(),
): Promise<string> {
  if (settings.keys.kind !== 'secret') throw new Error('Local tokens need AUTH_JWT_SECRET; with an identity provider, sign in there');
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ [GRANTS_CLAIM]: claims.grants, ...(claims.name ? { name: claims.name } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.subject)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (claims.ttlSeconds ?? 8 * 3600))
    .sign(settings.keys.secret);
}
