import fc from 'fast-check';
import { canonicalBody, canonicalJson, eventHash } from '../../../event-store/src/hash-chain.js';
import type { JsonObject, JsonValue, RecordedEvent } from '../../../event-store/src/port.js';
import { canonicalText, chainBody, linkPreimage, sha256Hex } from './chain-link.js';

const metadata = {
  actorId: 'officer-1',
  role: 'police_officer',
  jurisdiction: '10015',
  purpose: 'case_handling',
  correlationId: 'c-1',
  causationId: null,
  occurredAt: '2026-03-01T08:00:00.000Z',
  recordedAt: '2026-03-01T08:00:00.123Z',
};

describe('audit chain links: the same bytes and hashes as the event store', () => {
  it('encodes any JSON value exactly as canonicalJson (keys that look like indexes, "__proto__", unicode, nesting)', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', '0', '10', '9', 'é', 'Z', 'a\u0000b', '\ud83d\ude00'));
    const value = fc.letrec<{ json: JsonValue }>((tie) => ({
      json: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer(),
        fc.string({ unit: 'binary' }),
        fc.array(tie('json'), { maxLength: 4 }),
        fc.dictionary(key, tie('json'), { maxKeys: 5 }),
      ),
    })).json;
    fc.assert(
      fc.property(value, (v) => {
        // What a reader gets back from the store went through JSON.
        const stored = JSON.parse(JSON.stringify(v)) as JsonValue;
        expect(canonicalText(stored)).toBe(canonicalJson(stored));
      }),
      { numRuns: 500 },
    );
  });

  it('builds the canonical body and the link hash of a stored event', () => {
    const data = JSON.parse('{"note":"xin chào","__proto__":{"b":1,"a":[1,{"z":true,"y":-0.5}]},"10":"ten","9":"nine"}') as JsonObject;
    const event: RecordedEvent = {
      id: '0f0e0d0c-0b0a-4908-8706-050403020100',
      streamId: 'tip-abc',
      revision: 3,
      type: 'tip.noted',
      schemaVersion: 2,
      data,
      metadata,
      checkpoint: '1/1',
      hash: '',
    };
    expect(chainBody(event)).toBe(canonicalBody(event));
    const previous = 'ab'.repeat(32);
    expect(sha256Hex(linkPreimage(previous, event))).toBe(eventHash(previous, event));
  });
});
