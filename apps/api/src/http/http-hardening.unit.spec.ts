import { canonicalJson, requestFingerprint } from './idempotency-keys.js';
import { isDatabaseUnavailable, unavailableCode } from './database-unavailable.js';
import { refusedQueryKeys } from './query-keys.interceptor.js';
import { refusedKeys } from './strict-validation.pipe.js';

const coded = (code: string, message = 'whatever the server said about Nguyễn Văn A') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable: which errors become 503', () => {
  it.each([
    ['a refused connection', coded('ECONNREFUSED')],
    ['a reset connection', coded('ECONNRESET')],
    ['a connect that timed out at the socket', coded('ETIMEDOUT')],
    ['SQLSTATE class 08', coded('08006')],
    ['an administrator shutdown (57P01)', coded('57P01')],
    ['a crash shutdown (57P02)', coded('57P02')],
    ['a server starting up (57P03)', coded('57P03')],
    ['too many connections (53300)', coded('53300')],
    ["pg's lost connection", new Error('Connection terminated unexpectedly')],
    ["pg-pool's connect timeout", new Error('timeout exceeded when trying to connect')],
    ["pg-pool's connection timeout", new Error('Connection terminated due to connection timeout', { cause: new Error('timeout expired') })],
    ['a client that lost its connection', new Error('Client has encountered a connection error and is not queryable')],
    ['a pool that is closing', new Error('Cannot use a pool after calling end on the pool')],
    ['a store wrapping the driver error in cause', new Error('append failed', { cause: coded('ECONNREFUSED') })],
    [
      'a connect tried on several addresses',
      Object.assign(new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')], 'connect failed'), {}),
    ],
    [
      'a KurrentDB cluster that cannot be reached',
      Object.assign(new Error('14 UNAVAILABLE: No connection established'), { type: 'unavailable' }),
    ],
  ])('%s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a statement error (unique violation)', coded('23505')],
    ['an undefined table', coded('42P01')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a message that only looks like a lost connection but has a SQLSTATE', coded('P0001', 'Connection terminated by the trigger')],
    ['a bare string', 'ECONNREFUSED'],
    ['null', null],
  ])('not %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('logs a code, never a message', () => {
    expect(unavailableCode(new Error('append failed: Nguyễn Văn A', { cause: coded('ECONNREFUSED') }))).toBe('ECONNREFUSED');
    expect(unavailableCode(new Error('Connection terminated unexpectedly'))).toBe('no code');
  });
});

describe('canonicalJson and the request fingerprint', () => {
  it('orders keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: [{ y: 1, x: 'é' }, 2], a: null, c: { z: true, a: 1.5 } })).toBe(
      '{"a":null,"b":[{"x":"é","y":1},2],"c":{"a":1.5,"z":true}}',
    );
    expect(canonicalJson([3, [2, [1]]])).toBe('[3,[2,[1]]]');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson({})).toBe('{}');
  });

  it('walks a body nested far deeper than the call stack without overflowing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(canonicalJson(deep)).toHaveLength(400_001);
  });

  it('differs with the method, the path, the body and the key, not with the order of the keys', () => {
    const base = { method: 'POST', path: '/tips/t1/classify', body: { category: 'brokering', note: 'n' } };
    const print = requestFingerprint('key-1', base);
    expect(requestFingerprint('key-1', { ...base, body: { note: 'n', category: 'brokering' } })).toBe(print);
    for (const other of [
      { ...base, method: 'PUT' },
      { ...base, path: '/tips/t1/assign' },
      { ...base, path: '/tips/t2/classify' },
      { ...base, body: { category: 'brokering' } },
    ])
      expect(requestFingerprint('key-1', other)).not.toBe(print);
    expect(requestFingerprint('key-2', base)).not.toBe(print);
  });
});

describe('refusedKeys and refusedQueryKeys', () => {
  it('names prototype keys at any depth, also where there is no class to compare with', () => {
    const body = JSON.parse(
      '{"a":{"__proto__":{"x":1}},"list":[{"ok":1},{"constructor":{"prototype":1}}],"toString":"x","valueOf":1,"prototype":{}}',
    ) as unknown;
    expect(
      refusedKeys(body)
        .map((p) => p.join('.'))
        .sort(),
    ).toEqual(['a.__proto__', 'list.1.constructor', 'prototype', 'toString', 'valueOf']);
  });

  it('names the keys the built value lacks', () => {
    expect(
      refusedKeys({ kept: 1, dropped: 2, nested: { inner: 1, gone: 3 } }, { kept: 1, nested: { inner: 1 } })
        .map((p) => p.join('.'))
        .sort(),
    ).toEqual(['dropped', 'nested.gone']);
    expect(refusedKeys({ kept: 1 }, { kept: 1 })).toEqual([]);
  });

  it('reads the query as sent, parts of bracketed and dotted names included', () => {
    expect(refusedQueryKeys('/deadlines?__proto__[x]=1&a[constructor][prototype]=2&b.toString=3&ok=1&%5F%5Fproto%5F%5F=4')).toEqual([
      '__proto__[x]',
      'a[constructor][prototype]',
      'b.toString',
      '__proto__',
    ]);
    expect(refusedQueryKeys('/deadlines?kind=tip&limit=5')).toEqual([]);
    expect(refusedQueryKeys('/deadlines')).toEqual([]);
  });
});
