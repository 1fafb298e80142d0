import type { DestinationStream } from 'pino';
import { CENSOR, censorNested, createLogger, logFormat, redactionPaths } from './logger.js';
import { PinoLoggerService } from './nest-logger.js';

/** A destination that keeps every line written. */
function capture(): DestinationStream & { lines: string[]; json(): Array<Record<string, unknown>> } {
  const lines: string[] = [];
  return {
    lines,
    write: (line: string) => void lines.push(line),
    json: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

const JSON_DEFAULT = { logLevel: 'info', logFormat: null, databaseUrl: 'postgres://db/cases' } as const;

describe('logger (pino)', () => {
  it('writes one JSON object a line, with the personal fields, the authorization header, cookies and bodies censored', () => {
    const out = capture();
    const logger = createLogger(JSON_DEFAULT, { app: 'api', destination: out, isTty: false });
    logger.info(
      {
        caseId: 'tip-7',
        fullName: 'Nguyễn Văn Bí Mật',
        reporter: { name: 'Lê Thị Người Báo', contact: '0912 345 678' },
        command: { data: { serviceUser: { name: 'Trần Thị Mai', birthYear: 1998 }, idNumber: '001099012345', address: 'Tổ 4' } },
        events: [{ data: { ownerName: 'Chủ Quán', ownerContact: '0987 000 111' } }],
        req: {
          method: 'POST',
          headers: { authorization: 'Bearer eyJhbGciOi.secret', cookie: 'session=abc123', 'content-type': 'application/json' },
          body: { allegation: 'chi tiết tố giác' },
        },
      },
      'tip received',
    );
    expect(out.lines).toHaveLength(1);
    expect(out.lines[0]!.endsWith('\n')).toBe(true);
    const [line] = out.json();
    expect(line).toMatchObject({
      level: 'info',
      app: 'api',
      msg: 'tip received',
      caseId: 'tip-7',
      fullName: CENSOR,
      reporter: CENSOR,
      command: { data: { serviceUser: CENSOR, idNumber: CENSOR, address: CENSOR } },
      events: [{ data: { ownerName: CENSOR, ownerContact: CENSOR } }],
      req: { method: 'POST', headers: { authorization: CENSOR, cookie: CENSOR, 'content-type': 'application/json' }, body: CENSOR },
    });
    expect(new Date(line!.time as string).toISOString()).toBe(line!.time);
    for (const secret of [
      'Bí Mật',
      'Người Báo',
      '0912',
      'Trần Thị Mai',
      '1998',
      '001099012345',
      'Tổ 4',
      'Chủ Quán',
      '0987',
      'eyJhbGciOi',
      'abc123',
      'tố giác',
    ])
      expect(out.lines[0]).not.toContain(secret);
  });

  it('honours LOG_LEVEL: nothing below it is written', () => {
    const out = capture();
    const logger = createLogger({ ...JSON_DEFAULT, logLevel: 'warn' }, { app: 'relay', destination: out, isTty: false });
    logger.debug('debug line');
    logger.info('info line');
    logger.warn('warn line');
    logger.error('error line');
    expect(out.json().map((l) => [l.level, l.msg])).toEqual([
      ['warn', 'warn line'],
      ['error', 'error line'],
    ]);
    const debug = capture();
    createLogger({ ...JSON_DEFAULT, logLevel: 'debug' }, { app: 'relay', destination: debug, isTty: false }).debug('debug line');
    expect(debug.json().map((l) => l.msg)).toEqual(['debug line']);
    const fatal = capture();
    const quiet = createLogger({ ...JSON_DEFAULT, logLevel: 'fatal' }, { app: 'relay', destination: fatal, isTty: false });
    quiet.error('error line');
    quiet.fatal('fatal line');
    expect(fatal.json().map((l) => l.msg)).toEqual(['fatal line']);
  });

  it("is Nest's logger: context, stack and objects as fields, redacted, at LOG_LEVEL", () => {
    const out = capture();
    const nest = new PinoLoggerService(createLogger(JSON_DEFAULT, { app: 'api', destination: out, isTty: false }));
    nest.log('Mapped {/tips, POST} route', 'RouterExplorer');
    nest.warn({ event: 'reporter_recorded', reporterName: 'Lê Thị Người Báo' }, 'Tips');
    const failure = new Error('boom');
    nest.error('Unhandled', failure.stack, 'ExceptionsHandler');
    nest.error(failure);
    nest.debug('not at info', 'Projections');
    nest.verbose('not at info either', 'Projections');
    const lines = out.json();
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ level: 'info', context: 'RouterExplorer', msg: 'Mapped {/tips, POST} route' });
    expect(lines[1]).toMatchObject({ level: 'warn', context: 'Tips', event: 'reporter_recorded', reporterName: CENSOR });
    expect(lines[2]).toMatchObject({
      level: 'error',
      context: 'ExceptionsHandler',
      msg: 'Unhandled',
      stack: expect.stringContaining('Error: boom\n'),
    });
    expect(lines[3]).toMatchObject({ level: 'error', msg: 'boom', err: { type: 'Error', message: 'boom' } });
    expect(out.lines.join('')).not.toContain('Người Báo');
    const debug = capture();
    new PinoLoggerService(createLogger({ ...JSON_DEFAULT, logLevel: 'debug' }, { app: 'api', destination: debug, isTty: false })).verbose(
      'verbose is debug',
      'Projections',
    );
    expect(debug.json()).toEqual([expect.objectContaining({ level: 'debug', context: 'Projections', msg: 'verbose is debug' })]);
  });

  it('is pretty only when asked, or for the all-in-one default on a terminal; JSON everywhere else', () => {
    expect(logFormat({ logFormat: null, databaseUrl: null }, true)).toBe('pretty');
    expect(logFormat({ logFormat: null, databaseUrl: null }, false)).toBe('json');
    expect(logFormat({ logFormat: null, databaseUrl: 'postgres://db/x' }, true)).toBe('json');
    expect(logFormat({ logFormat: 'json', databaseUrl: null }, true)).toBe('json');
    expect(logFormat({ logFormat: 'pretty', databaseUrl: 'postgres://db/x' }, false)).toBe('pretty');
  });

  it('pretty lines (pino-pretty) are text, redacted all the same', () => {
    const out = capture();
    createLogger({ logLevel: 'info', logFormat: 'pretty', databaseUrl: null }, { app: 'api', destination: out, isTty: false }).info(
      { contact: '0912 345 678', status: 201 },
      'tip received',
    );
    expect(out.lines).toHaveLength(1);
    expect(() => JSON.parse(out.lines[0]!)).toThrow();
    expect(out.lines[0]).toMatch(/INFO.*tip received/);
    expect(out.lines[0]).toContain(CENSOR);
    expect(out.lines[0]).not.toContain('0912');
  });

  it('falls back to JSON, saying so, when pino-pretty is not installed (a production install)', () => {
    const out = capture();
    const logger = createLogger(
      { logLevel: 'info', logFormat: 'pretty', databaseUrl: null },
      { app: 'api', destination: out, isTty: true, loadPretty: () => null },
    );
    logger.info({ name: 'Trần Thị Mai' }, 'still logged');
    expect(out.json()).toEqual([
      expect.objectContaining({ level: 'warn', msg: expect.stringContaining('pino-pretty is not installed') }),
      expect.objectContaining({ msg: 'still logged', name: CENSOR }),
    ]);
  });

  it('censors a redacted key at any depth, in objects and arrays, without changing the object logged', () => {
    expect(redactionPaths(['name', 'set-cookie'])).toEqual(['name', '["set-cookie"]']);
    const logged = {
      a: { b: { c: { d: { e: [{ f: { name: 'Sâu Tận Đáy', kept: 1 } }] } } } },
      res: { headers: { 'set-cookie': 'session=abc123' } },
      at: new Date(0),
    };
    const out = capture();
    createLogger(JSON_DEFAULT, { app: 'api', destination: out, isTty: false }).info(logged);
    expect(out.json()[0]).toMatchObject({
      a: { b: { c: { d: { e: [{ f: { name: CENSOR, kept: 1 } }] } } } },
      res: { headers: { 'set-cookie': CENSOR } },
      at: '1970-01-01T00:00:00.000Z',
    });
    expect(out.lines[0]).not.toContain('Sâu Tận Đáy');
    expect(logged.a.b.c.d.e[0]!.f.name).toBe('Sâu Tận Đáy');
    expect(logged.res.headers['set-cookie']).toBe('session=abc123');
    const clean = { route: '/tips/:id', nested: { status: 200 } };
    expect(censorNested(clean)).toBe(clean);
  });

  it('censors the keys of a child logger’s bindings too', () => {
    const out = capture();
    createLogger(JSON_DEFAULT, { app: 'api', destination: out, isTty: false })
      .child({ caseId: 'tip-1', fullName: 'Nguyễn Văn A', name: 'Nguyễn Văn B' })
      .info('child line');
    expect(out.json()[0]).toMatchObject({ caseId: 'tip-1', fullName: CENSOR, name: CENSOR, msg: 'child line' });
    expect(out.lines[0]).not.toContain('Nguyễn');
  });
});
