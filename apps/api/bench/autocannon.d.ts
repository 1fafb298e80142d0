/** The part of autocannon 9's API the API benchmark uses (the package ships no types). */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  export interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    /** Per connection: `context` persists over the request list and is reset when the list starts again. A falsy result restarts the list. */
    setupRequest?(request: Request, context: Record<string, unknown>): Request | null;
    onResponse?(status: number, body: string, context: Record<string, unknown>): void;
  }

  export interface Options {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    requests?: Request[];
    initialContext?: Record<string, unknown>;
  }

  export interface Result {
    errors: number;
    timeouts: number;
    non2xx: number;
    requests: { total: number };
    duration: number;
  }

  export interface Instance extends EventEmitter {
    stop(): void;
  }

  function autocannon(options: Options, done: (error: Error | null, result: Result) => void): Instance;
  export default autocannon;
}
