import { isValidRut } from '../../../src/common/format/rut';
import { CaseGenerator, type OpenApiDocument, operationsOf, rutOf, type Scenario } from '../../fuzz/generators';
import { Prng } from '../../fuzz/prng';
import { Entries, RawJson, toJson } from '../../fuzz/values';

/** The API fuzzer's generator (issue 22 item 10): the same seed gives the same requests, on any machine. */
const doc: OpenApiDocument = {
  paths: {
    '/api/v1/associations/{id}/members': {
      post: {
        parameters: [{ name: 'id', in: 'path' }],
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/MemberDto' } } } },
      },
      get: {},
    },
    '/api/v1/meetings/{id}/attendance': {
      put: {
        parameters: [{ name: 'id', in: 'path' }],
        requestBody: {
          content: {
            'application/json': {
              schema: { type: 'array', items: { type: 'object', properties: { memberId: { type: 'string' } } } },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      MemberDto: {
        type: 'object',
        properties: {
          rut: { type: 'string' },
          fullName: { type: 'string' },
          birthDate: { type: 'string' },
          guardianConsent: { type: 'boolean' },
        },
        required: ['fullName', 'birthDate'],
      },
    },
  },
};

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const scenario: Scenario<'officer' | 'stranger'> = {
  ids: {
    association: [id(1)],
    member: [id(2), id(3)],
    person: [id(4)],
    meeting: [id(5)],
    commitment: [id(6)],
    table: [id(7)],
    participant: [id(8)],
    institution: [id(9)],
    agendaItem: [id(10)],
    minutes: [id(11)],
    faithMinisterUser: [id(12)],
    user: [id(13)],
    program: [id(14)],
    beneficiary: [id(15)],
    activity: [id(16)],
    fundCall: [id(17)],
    fundApplication: [id(18)],
    marketVenue: [id(19)],
    marketSlot: [id(20)],
  },
  membersOf: { [id(1)]: [id(2), id(3)] },
  related: { [id(1)]: { member: [id(2), id(3)] } },
  actors: { [id(1)]: ['officer'] },
  callersFor: () => ({ right: ['officer'], wrong: ['stranger'] }),
  login: { email: 'a@example.cl', password: 'clave-de-prueba-123' },
};

describe('fuzz case generator', () => {
  it('lists the POST, PUT and PATCH operations of an OpenAPI document', () => {
    expect(operationsOf(doc).map((op) => op.key)).toEqual([
      'POST /api/v1/associations/{id}/members',
      'PUT /api/v1/meetings/{id}/attendance',
    ]);
  });

  it('builds the same case for the same seed, operation and index, and other cases for another seed', () => {
    const ops = operationsOf(doc);
    const build = (seed: string) => {
      const generator = new CaseGenerator(doc, scenario, seed);
      return ops.flatMap((op) => Array.from({ length: 40 }, (_, i) => generator.build(op, i)));
    };
    const a = build('semilla');
    // a case does not depend on the cases built before it
    const alone = new CaseGenerator(doc, scenario, 'semilla').build(ops[1], 17);
    expect(build('semilla')).toEqual(a);
    expect(alone).toEqual(a[40 + 17]);
    expect(build('otra semilla')).not.toEqual(a);
    expect(new Set(a.map((c) => c.strategy)).size).toBeGreaterThan(8);
    expect(a.every((c) => !c.path.includes('{'))).toBe(true);
  });

  it('writes JSON that JSON.stringify cannot: prototype keys, numbers past a double, lone surrogates', () => {
    expect(toJson(new Entries([['__proto__', { admin: true }]]))).toBe('{"__proto__":{"admin":true}}');
    expect(toJson({ version: new RawJson('1e999'), text: '\uD800' })).toBe('{"version":1e999,"text":"\\ud800"}');
    expect(JSON.parse(toJson({ a: [1, 'x', null, { b: false }] }))).toEqual({ a: [1, 'x', null, { b: false }] });
  });

  it('valid RUTs in every spelling, and a seeded generator that repeats itself', () => {
    for (let body = 5_000_000; body < 5_000_200; body++)
      for (const spelling of [0, 1, 2]) expect(isValidRut(rutOf(body, spelling))).toBe(true);
    const draw = (seed: string) => {
      const rng = new Prng(seed);
      return Array.from({ length: 5 }, () => rng.int(0, 1_000_000));
    };
    expect(draw('x')).toEqual(draw('x'));
    expect(draw('x')).not.toEqual(draw('y'));
  });
});
