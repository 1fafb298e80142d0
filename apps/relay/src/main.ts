import { runRelay } from './run-relay.js';

const io = {
  out: (line: string) => process.stdout.write(`${line}\n`),
  err: (line: string) => process.stderr.write(`${line}\n`),
  exit: (code: number) => process.exit(code),
};

const running = await runRelay(process.argv.slice(2), process.env, io);
if (running) {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    io.out(`${signal}: finishing the batch in flight, then stopping`);
    await running.close();
    io.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
