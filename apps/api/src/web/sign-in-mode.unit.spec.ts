import { loadConfig } from '../../../../libs/config/src/config.js';
import { demoSignIn, demoSignInLine, isLoopbackHost, signInMode } from './sign-in-mode.js';

const config = (env: Record<string, string>) => loadConfig(env, { isRoot: false, cwd: '/srv/app' });

describe('the demo sign-in', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LocalHost', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1'])(
    'counts %s as loopback',
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
    },
  );

  it.each([
    '0.0.0.0',
    '::',
    '10.0.0.5',
    '192.168.1.20',
    '::ffff:10.0.0.5',
    'fe80::1',
    '128.0.0.1',
    'api.example.gov.vn',
    'localhost.example.org',
  ])('does not count %s as loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });

  it('is on only in the all-in-one default listening on a loopback address, and the log line says so', () => {
    expect(signInMode(config({}))).toBe('demo');
    expect(signInMode(config({ HOST: '::1' }))).toBe('demo');
    expect(demoSignInLine(config({}))).toMatch(
      /^Demo sign-in \(POST \/auth\/demo-token\): on, the all-in-one default, listening on 127\.0\.0\.1 only/,
    );
  });

  it.each([
    [{ HOST: '0.0.0.0' }, 'token', /HOST=0\.0\.0\.0 is not a loopback address/],
    [{ HOST: '10.0.0.5' }, 'token', /HOST=10\.0\.0\.5 is not a loopback address/],
    [{ AUTH_JWT_SECRET: Buffer.alloc(32, 1).toString('base64') }, 'token', /a token key is configured \(AUTH_JWT_SECRET\)/],
    [{ AUTH_JWKS_URL: 'https://idp.example.vn/jwks' }, 'token', /a token key is configured \(AUTH_JWKS_URL\)/],
    [{ DATABASE_URL: 'postgres://u:p@db/cases', MASTER_KEY: Buffer.alloc(32, 2).toString('base64') }, 'token', /DATABASE_URL is set/],
    [
      { AUTH_JWKS_URL: 'https://idp.example.vn/jwks', OIDC_ISSUER: 'https://idp.example.vn', OIDC_CLIENT_ID: 'pcm-console' },
      'oidc',
      /OIDC_ISSUER is set/,
    ],
  ])('is off with %j, and the log line says why', (env, mode, reason) => {
    const settings = config(env as Record<string, string>);
    expect(signInMode(settings)).toBe(mode);
    expect(demoSignIn(settings).on).toBe(false);
    expect(demoSignInLine(settings)).toMatch(/^Demo sign-in \(POST \/auth\/demo-token\): off, /);
    expect(demoSignInLine(settings)).toMatch(reason);
  });
});
