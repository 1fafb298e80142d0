import { runApi } from '../src/run-api.js';

function capture() {
  const io = { outLines: [] as string[], errLines: [] as string[], code: null as number | null };
  return {
    io,
    sink: {
      out: (line: string) => io.outLines.push(line),
      err: (line: string) => io.errLines.push(line),
      exit: (code: number) => {
        io.code = code;
      },
    },
  };
}

describe('starting the API', () => {
  it('stops with exit code 2 and names every bad variable, starting nothing', async () => {
    const { io, sink } = capture();
    await runApi({ PORT: 'eighty', EVENT_STORE: 'mongo', DATABASE_URL: 'mysql://root:hunter2@db/x' }, sink);
    expect(io.code).toBe(2);
    const message = io.errLines.join('\n');
    expect(message).toMatch(/PORT: an integer/);
    expect(message).toMatch(/EVENT_STORE: one of postgres, kurrentdb/);
    expect(message).toMatch(/DATABASE_URL: the scheme must be/);
    expect(message).not.toContain('hunter2');
    expect(io.outLines).toEqual([]);
  });

  it('exits 1 with a clear message when the configured database cannot be reached', async () => {
    const { io, sink } = capture();
    await runApi({ DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/none', MASTER_KEY: Buffer.alloc(32, 3).toString('base64'), PORT: '39999', LOG_LEVEL: 'fatal' }, sink);
    expect(io.code).toBe(1);
    expect(io.errLines.join('\n')).toMatch(/^Start-up failed: /);
    expect(io.errLines.join('\n')).not.toContain('secret');
  });
});
