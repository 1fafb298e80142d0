import { SignJWT, createRemoteJWKSet, importSPKI, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { isRole, POSITION_CODE, type Principal, type RoleGrant } from '../domain/roles.js';

/** Where verification keys come from: a shared secret (local use), a public key, or a JWKS URL (identity provider). */
export type KeySource =
  { kind: 'secret'; secret: Uint8Array } | { kind: 'public_key'; pem: string; algorithm: string } | { kind: 'jwks'; url: string };

export interface TokenSettings {
  issuer: string;
  audience: string;
  keys: KeySource;
  /** Longest lifetime (`exp - iat`) a token may have; default DEFAULT_MAX_TOKEN_LIFETIME_SECONDS (12 h). */
  maxLifetimeSeconds?: number;
  /** How far the issuer's clock may be off ours, for `iat`, `nbf` and `exp`; default DEFAULT_CLOCK_SKEW_SECONDS (60 s). */
  clockSkewSeconds?: number;
}

export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;
export const DEFAULT_CLOCK_SKEW_SECONDS = 60;
/** What `issueLocalToken` gives when no lifetime is asked for (at most the maximum). */
const DEFAULT_LOCAL_TOKEN_SECONDS = 8 * 3600;

/**
 * Why a token was refused; recorded with failed sign-ins, never the token itself.
 * `lifetime_too_long`: `exp - iat` exceeds the maximum; `not_yet_valid`: `iat` or `nbf` lies
 * further in the future than the clock skew allows; `bad_claims`: a required claim (`sub`,
 * `exp`, `iat`) is missing or not of its type.
 */
export type TokenFailure =
  | 'missing'
  | 'malformed'
  | 'bad_signature'
  | 'expired'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'bad_claims'
  | 'lifetime_too_long'
  | 'not_yet_valid';

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
  private readonly maxLifetimeSeconds: number;
  private readonly clockSkewSeconds: number;

  constructor(
    private readonly settings: TokenSettings,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.maxLifetimeSeconds = settings.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
    this.clockSkewSeconds = settings.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
    const keys = settings.keys;
    this.algorithms =
      keys.kind === 'secret' ? ['HS256'] : keys.kind === 'public_key' ? [keys.algorithm] : ['RS256', 'PS256', 'ES256', 'EdDSA'];
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
    const now = this.clock();
    try {
      const key = await this.key;
      // jose checks the signature, iss, aud, that sub, exp and iat are there (exp and iat numbers),
      // nbf and exp with the skew allowed; the lifetime and a future iat are checked below.
      ({ payload } = await jwtVerify(match[1]!, key as Uint8Array, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: this.algorithms,
        requiredClaims: ['sub', 'exp', 'iat'],
        clockTolerance: this.clockSkewSeconds,
        currentDate: now,
      }));
    } catch (error) {
      throw new TokenRejectedError(failureOf(error));
    }
    const issuedAt = payload.iat as number;
    const expires = payload.exp as number;
    // A token issued "in the future" would outlive any maximum counted from now; one that lives
    // longer than the maximum (e.g. until 2200) is a stolen-forever credential.
    if (issuedAt > now.getTime() / 1000 + this.clockSkewSeconds) throw new TokenRejectedError('not_yet_valid');
    if (expires - issuedAt > this.maxLifetimeSeconds) throw new TokenRejectedError('lifetime_too_long');
    const subject = typeof payload.sub === 'string' ? payload.sub : '';
    return { subject, principal: { userId: subject, grants: grantsOf(payload[GRANTS_CLAIM]) } };
  }
}

function failureOf(error: unknown): TokenFailure {
  const { code, claim, reason } = error as { code?: string; claim?: string; reason?: string };
  if (code === 'ERR_JWT_EXPIRED') return 'expired';
  if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' || code === 'ERR_JWKS_NO_MATCHING_KEY') return 'bad_signature';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'iss') return 'wrong_issuer';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'aud') return 'wrong_audience';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'nbf' && reason === 'check_failed') return 'not_yet_valid';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') return 'bad_claims';
  return 'malformed';
}

/** Unknown roles and malformed entries are dropped: a token with no usable grant authenticates but is allowed nothing. */
function grantsOf(claim: unknown): RoleGrant[] {
  if (!Array.isArray(claim)) return [];
  return claim.flatMap((entry) => {
    const { role, scope, position } = (entry ?? {}) as { role?: unknown; scope?: unknown; position?: unknown };
    if (!isRole(role) || typeof scope !== 'string' || !/^[A-Z0-9]{2,8}$/.test(scope)) return [];
    if (position === undefined || position === null) return [{ role, scope }];
    // A malformed position makes the whole grant unusable rather than a grant without one.
    return typeof position === 'string' && POSITION_CODE.test(position) ? [{ role, scope, position }] : [];
  });
}

/** A local token asked for with a lifetime the verifier would refuse. */
export class TokenLifetimeError extends RangeError {
  constructor(
    readonly ttlSeconds: number,
    readonly maxLifetimeSeconds: number,
  ) {
    super(
      `A token may live at most ${formatSeconds(maxLifetimeSeconds)} (AUTH_MAX_TOKEN_LIFETIME_HOURS); asked for ${formatSeconds(ttlSeconds)}`,
    );
    this.name = 'TokenLifetimeError';
  }
}

const formatSeconds = (seconds: number) => (seconds % 3600 === 0 ? `${seconds / 3600} h` : `${seconds} s`);

/** The longest lifetime a token issued under these settings may have. */
export function maxTokenLifetimeSeconds(settings: Pick<TokenSettings, 'maxLifetimeSeconds'>): number {
  return settings.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
}

/**
 * Issues a token signed with the shared secret: for local use and tests; production tokens come
 * from the identity provider. Lives `ttlSeconds` (default 8 h, or the maximum when that is
 * shorter); a longer lifetime than the settings' maximum throws TokenLifetimeError, since the
 * verifier would refuse the token.
 */
export async function issueLocalToken(
  settings: TokenSettings,
  claims: { subject: string; grants: RoleGrant[]; ttlSeconds?: number; name?: string },
  now = new Date(),
): Promise<string> {
  if (settings.keys.kind !== 'secret') throw new Error('Local tokens need AUTH_JWT_SECRET; with an identity provider, sign in there');
  const max = maxTokenLifetimeSeconds(settings);
  const ttlSeconds = claims.ttlSeconds ?? Math.min(DEFAULT_LOCAL_TOKEN_SECONDS, max);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0 || ttlSeconds > max) throw new TokenLifetimeError(ttlSeconds, max);
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ [GRANTS_CLAIM]: claims.grants, ...(claims.name ? { name: claims.name } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.subject)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(settings.keys.secret);
}
