import { randomUUID } from 'node:crypto';
import type { Request } from 'autocannon';
import { vnDate } from '../../../libs/case-kernel/src/domain/working-calendar.js';

export type Category = 'command' | 'read' | 'health';

export interface RouteSamples {
  name: string;
  category: Category;
  latenciesMs: number[];
  /** Answers that were not 2xx, by status. */
  failures: Map<number, number>;
}

/** Demo cases to read, by kind. */
export interface ReadTargets {
  tip: string[];
  establishment: string[];
  inspection: string[];
  hotspot: string[];
  penalty_case: string[];
}

export interface BenchTokens {
  supervisor: string;
  inspector: string;
  official: string;
}

/**
 * Latency of every answer, by route. autocannon calls a request's onResponse and, right after
 * and synchronously, emits 'response' with the time it measured from the write: `answered`
 * pairs the two.
 */
export class Recorder {
  readonly routes = new Map<string, RouteSamples>();
  recording = false;
  private last: { name: string; category: Category; status: number } | null = null;

  note(name: string, category: Category, status: number): void {
    this.last = { name, category, status };
  }

  answered(latencyMs: number): void {
    const last = this.last;
    this.last = null;
    if (!last || !this.recording) return;
    let route = this.routes.get(last.name);
    if (!route) this.routes.set(last.name, (route = { name: last.name, category: last.category, latenciesMs: [], failures: new Map() }));
    route.latenciesMs.push(latencyMs);
    if (last.status < 200 || last.status > 299) route.failures.set(last.status, (route.failures.get(last.status) ?? 0) + 1);
  }
}

const COMMUNES = ['10015', '10030', '10045', '27559', '27568', '07900', '23575'];
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const today = () => vnDate(new Date());
const syllable = () => pick(['An', 'Bình', 'Hoa', 'Lan', 'Minh', 'Phúc', 'Sơn', 'Thu', 'Vân', 'Yến']);
const name = () => `${pick(['Nguyễn', 'Trần', 'Lê', 'Phạm'])} ${pick(['Văn', 'Thị', 'Minh'])} ${syllable()}`;

type Context = Record<string, unknown>;

/**
 * One connection's loop: 7 commands, each with its own Idempotency-Key, interleaved with 7 case
 * reads (5 of demo cases, 2 of cases this connection just created). Commands that act on a case
 * use the one this connection created, so connections never race on a stream.
 */
export function mixRequests(targets: ReadTargets, tokens: BenchTokens, recorder: Recorder): Request[] {
  const command = (
    label: string,
    token: string,
    path: (ctx: Context) => string | null,
    body: (ctx: Context) => object,
    saveAs?: string,
  ): Request => ({
    method: 'POST',
    setupRequest(request, ctx) {
      const at = path(ctx);
      if (at === null) return null;
      const headers = { 'content-type': 'application/json', authorization: token, 'idempotency-key': `bench-${randomUUID()}` };
      return { ...request, path: at, headers, body: JSON.stringify(body(ctx)) };
    },
    onResponse(status, text, ctx) {
      recorder.note(label, 'command', status);
      if (saveAs && status >= 200 && status < 300) ctx[saveAs] = (JSON.parse(text) as { id: string }).id;
    },
  });
  const read = (label: string, token: string, path: (ctx: Context) => string | null): Request => ({
    method: 'GET',
    setupRequest(request, ctx) {
      const at = path(ctx);
      return at === null ? null : { ...request, path: at, headers: { authorization: token } };
    },
    onResponse(status) {
      recorder.note(label, 'read', status);
    },
  });
  const saved = (key: string, format: (id: string) => string) => (ctx: Context) =>
    typeof ctx[key] === 'string' ? format(ctx[key] as string) : null;
  return [
    command(
      'POST /tips (receive)',
      tokens.supervisor,
      () => '/tips',
      () => ({
        jurisdiction: pick(COMMUNES),
        channel: 'hotline',
        kind: 'report',
        allegation: 'Người dân phản ánh có dấu hiệu hoạt động mua bán dâm tại một nhà nghỉ',
        anonymous: false,
        reporter: { name: name(), contact: '0100 000 000' },
      }),
      'tip',
    ),
    read('GET /tips/:id', tokens.supervisor, () => `/tips/${pick(targets.tip)}`),
    command(
      'POST /tips/:id/classify',
      tokens.supervisor,
      saved('tip', (id) => `/tips/${id}/classify`),
      () => ({ category: 'buying_selling_sex' }),
    ),
    read('GET /establishments/:id', tokens.inspector, () => `/establishments/${pick(targets.establishment)}`),
    command(
      'POST /establishments (register)',
      tokens.inspector,
      (ctx) => ((ctx.commune = pick(COMMUNES)), '/establishments'),
      (ctx) => ({
        commune: ctx.commune,
        type: 'karaoke',
        businessName: `Karaoke ${syllable()} ${syllable()}`,
        address: 'Số 12, đường Lạc Thịnh',
        ownerName: name(),
        ownerContact: '0100 000 001',
      }),
      'establishment',
    ),
    read('GET /penalty-cases/:id', tokens.official, () => `/penalty-cases/${pick(targets.penalty_case)}`),
    command(
      'POST /inspections (plan)',
      tokens.inspector,
      saved('establishment', () => '/inspections'),
      (ctx) => ({ establishmentId: ctx.establishment, jurisdiction: ctx.commune, mode: 'scheduled', plannedDate: today() }),
      'inspection',
    ),
    read('GET /inspections/:id', tokens.inspector, () => `/inspections/${pick(targets.inspection)}`),
    command(
      'POST /inspections/:id/conduct',
      tokens.inspector,
      saved('inspection', (id) => `/inspections/${id}/conduct`),
      () => ({
        conductedOn: today(),
        members: [
          { agency: 'police', name: name() },
          { agency: 'health', name: name() },
          { agency: 'culture', name: name() },
        ],
        findings: 'compliant',
      }),
    ),
    read('GET /hotspots/:id', tokens.inspector, () => `/hotspots/${pick(targets.hotspot)}`),
    command(
      'POST /hotspots (identify)',
      tokens.inspector,
      () => '/hotspots',
      () => ({
        jurisdiction: pick(COMMUNES),
        kind: 'street',
        locationDescription: 'Đoạn vỉa hè gần chợ, sau 21 giờ',
        identifiedOn: today(),
      }),
    ),
    read(
      'GET /tips/:id (just created)',
      tokens.supervisor,
      saved('tip', (id) => `/tips/${id}`),
    ),
    command(
      'POST /penalty-cases (record)',
      tokens.official,
      () => '/penalty-cases',
      () => ({
        jurisdiction: pick(COMMUNES),
        violationDate: today(),
        recordedOn: today(),
        act: '33',
        offenderType: 'individual',
        people: [{ fullName: name(), idNumber: '000123456789', address: 'Thôn Đông, xã Phú Nghĩa' }],
      }),
    ),
    read(
      'GET /establishments/:id (just created)',
      tokens.inspector,
      saved('establishment', (id) => `/establishments/${id}`),
    ),
  ];
}

export function healthRequests(recorder: Recorder): Request[] {
  return [{ method: 'GET', path: '/health', onResponse: (status) => recorder.note('GET /health', 'health', status) }];
}
