import type { AppConfig } from '../../../config/src/config.js';
import { loadOrCreateLocalSecret } from './local-secret.js';
import type { TokenSettings } from './tokens.js';

/** Token verification settings from the validated configuration. */
export async function tokenSettings(config: Pick<AppConfig, 'auth' | 'dataDir'>): Promise<TokenSettings> {
  const { issuer, audience, keys, maxTokenLifetimeSeconds: maxLifetimeSeconds, clockSkewSeconds } = config.auth;
  const checks = { issuer, audience, maxLifetimeSeconds, clockSkewSeconds };
  switch (keys.kind) {
    case 'secret':
      return { ...checks, keys: { kind: 'secret', secret: Buffer.from(keys.secretBase64, 'base64') } };
    case 'local-secret':
      return { ...checks, keys: { kind: 'secret', secret: await loadOrCreateLocalSecret(config.dataDir) } };
    case 'public_key':
      return { ...checks, keys: { kind: 'public_key', pem: keys.pem, algorithm: keys.algorithm } };
    case 'jwks':
      return { ...checks, keys: { kind: 'jwks', url: keys.url } };
  }
}
