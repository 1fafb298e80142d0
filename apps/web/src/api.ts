import type { RandomSource } from './auth/pkce.js';

/** RFC 9457 problem+json as the API sends it, with the Vietnamese explanation beside the English one. */
export interface Problem {
  title?: string;
  status?: number;
  detail?: string;
  detailVi?: string;
  code?: string;
  errors?: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

export interface Answer<T> {
  data: T;
  /** The case revision (ETag without quotes), for If-Match on the next command. */
  revision: string | null;
}

export interface Api {
  get<T>(path: string): Promise<Answer<T>>;
  /** A command: POST with a fresh Idempotency-Key (reused on one retry after a network failure) and If-Match when the revision is known. */
  command<T = { id: string; revision: number }>(path: string, body: unknown, revision?: string | null): Promise<Answer<T>>;
  /** A public POST (sign-in) with no token. */
  post<T>(path: string, body: unknown): Promise<T>;
  /** A file the API produces (a report), as a Blob with its suggested name. */
  download(path: string): Promise<{ blob: Blob; filename: string | null }>;
}

/** An idempotency key: a random UUID (v4) from getRandomValues, which also works outside secure contexts. */
export function newIdempotencyKey(random: RandomSource = crypto): string {
  const b = random.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function createApi(
  token: () => string | null,
  onUnauthorized: () => void,
  fetcher: typeof fetch = (...args) => fetch(...args),
): Api {
  const headers = (extra: Record<string, string> = {}) => {
    const bearer = token();
    return { accept: 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...extra };
  };
  const failure = async (response: Response): Promise<never> => {
    if (response.status === 401) onUnauthorized();
    const problem = (await response.json().catch(() => null)) as Problem | null;
    throw new ApiError(response.status, problem);
  };
  const answer = async <T>(response: Response): Promise<Answer<T>> => {
    if (!response.ok) return failure(response);
    const etag = response.headers.get('etag');
    return { data: (await response.json()) as T, revision: etag ? etag.replace(/^W\//, '').replace(/"/g, '') : null };
  };
  return {
    async get<T>(path: string) {
      return answer<T>(await fetcher(path, { headers: headers() }));
    },
    async command<T>(path: string, body: unknown, revision?: string | null) {
      const init = {
        method: 'POST',
        headers: headers({
          'content-type': 'application/json',
          'idempotency-key': newIdempotencyKey(),
          ...(revision ? { 'if-match': `"${revision}"` } : {}),
        }),
        body: JSON.stringify(body ?? {}),
      };
      let response: Response;
      try {
        response = await fetcher(path, init);
      } catch {
        // The answer may have been lost after the command landed: the same key makes the retry safe.
        response = await fetcher(path, init);
      }
      return answer<T>(response);
    },
    async post<T>(path: string, body: unknown) {
      const response = await fetcher(path, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) return failure(response);
      return (await response.json()) as T;
    },
    async download(path: string) {
      const response = await fetcher(path, { headers: headers({ accept: '*/*' }) });
      if (!response.ok) return failure(response);
      const disposition = response.headers.get('content-disposition') ?? '';
      const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
      return { blob: await response.blob(), filename: name ? decodeURIComponent(name) : null };
    },
  };
}
