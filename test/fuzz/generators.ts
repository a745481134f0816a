import { gzipSync } from 'node:zlib';
import { Prng } from './prng';
import {
  Entries,
  INVALID_UTF8,
  LONG_TEXT_LENGTHS,
  LONG_TEXT_UNITS,
  MALFORMED_IDS,
  ODD_CLOCK_TIMES,
  ODD_CONTENT_TYPES,
  ODD_DATES,
  ODD_EMAILS,
  ODD_FORMS,
  ODD_LOCAL_TIMES,
  ODD_NUMBERS,
  ODD_QUERIES,
  ODD_RRULES,
  ODD_RUTS,
  ODD_TEXT,
  ODD_TIME_ZONES,
  RAW_BODIES,
  RawJson,
  toJson,
  WRONG_TYPES,
} from './values';

/** The part of an OpenAPI 3 schema the generator reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  example?: unknown;
  maximum?: number;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

interface OpenApiOperation {
  operationId?: string;
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/** A state-changing operation of the OpenAPI document. */
export interface Operation {
  method: 'POST' | 'PUT' | 'PATCH';
  /** The path as the document writes it, e.g. `/api/v1/associations/{id}/members/{memberId}`. */
  template: string;
  /** `POST /api/v1/associations/{id}/members`, the operation's name in reports. */
  key: string;
  pathParams: string[];
  contentTypes: string[];
  /** The JSON (or multipart) body's schema, references resolved lazily. */
  bodySchema: Schema | null;
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [template, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const upper = method.toUpperCase();
      if (upper !== 'POST' && upper !== 'PUT' && upper !== 'PATCH') continue;
      const content = op.requestBody?.content ?? {};
      const contentTypes = Object.keys(content);
      const jsonLike = content['application/json'] ?? content['multipart/form-data'];
      out.push({
        method: upper,
        template,
        key: `${upper} ${template}`,
        pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        contentTypes,
        bodySchema: jsonLike?.schema ?? null,
      });
    }
  }
  return out;
}

/** Kinds of ids the scenario has real values for. */
export type IdKind =
  | 'association'
  | 'member'
  | 'person'
  | 'meeting'
  | 'commitment'
  | 'table'
  | 'participant'
  | 'institution'
  | 'agendaItem'
  | 'minutes'
  | 'faithMinisterUser'
  | 'user'
  | 'program'
  | 'beneficiary'
  | 'activity'
  | 'fundCall'
  | 'fundApplication'
  | 'marketVenue'
  | 'marketSlot';

/** What the scenario gives the generator: real ids per kind, and who may act on an operation. */
export interface Scenario<Caller extends string = string> {
  ids: Record<IdKind, string[]>;
  /** Members by association (a member id fits its own association's paths). */
  membersOf: Record<string, string[]>;
  /**
   * Ids that belong with a path's id (an association's or a meeting's members, a table's participants): a body's
   * ids are mostly taken from these, so that it reaches the handler's rules rather than "not a member of this".
   */
  related: Record<string, Partial<Record<IdKind, string[]>>>;
  /** Who may act on an object (by its id), to narrow an operation's callers with the right to those of its path. */
  actors: Record<string, Caller[]>;
  /**
   * Callers with the right, and callers who must never be answered 2xx (in scope without the right, or out of
   * scope), for an operation. An empty `wrong` means everyone signed in may act (the token endpoint).
   */
  callersFor(op: Operation): { right: Caller[]; wrong: Caller[] };
  /** A seeded user's credentials (the token endpoint's valid body). */
  login: { email: string; password: string };
}

export interface Multipart {
  fields: [string, string][];
  files: { field: string; name: string; content: Buffer; contentType: string }[];
}

/** One request of the fuzzer: everything needed to send it again and to print it. */
export interface FuzzCase<Caller extends string = string> {
  op: Operation;
  index: number;
  strategy: string;
  caller: Caller | 'anonymous' | 'badToken';
  /** Whether the caller may act on the operation (an answer 2xx to one who may not is a finding). */
  mayAct: boolean;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: string | Buffer | null;
  multipart: Multipart | null;
}

/** The text a field's name says it holds, to build a body the handler accepts before it is broken. */
type FieldKind =
  | 'id'
  | 'ids'
  | 'email'
  | 'password'
  | 'rut'
  | 'dni'
  | 'ruc'
  | 'territory'
  | 'localTime'
  | 'clockTime'
  | 'timeZone'
  | 'date'
  | 'rrule'
  | 'url'
  | 'phone'
  | 'personName'
  | 'text';

const ID_FIELDS: Record<string, IdKind> = {
  memberId: 'member',
  ownerMemberId: 'member',
  founderMemberIds: 'member',
  participantId: 'participant',
  ownerParticipantId: 'participant',
  participantIds: 'participant',
  institutionId: 'institution',
  ownerInstitutionId: 'institution',
  convenerInstitutionId: 'institution',
  faithMinisterUserId: 'faithMinisterUser',
  personId: 'person',
  itemIds: 'agendaItem',
  agendaItemId: 'agendaItem',
  minutesId: 'minutes',
  programId: 'program',
  beneficiaryId: 'beneficiary',
  associationId: 'association',
  tableId: 'table',
  fundCallId: 'fundCall',
  id: 'commitment',
};

function fieldKind(name: string): FieldKind {
  if (name in ID_FIELDS) return name.endsWith('Ids') ? 'ids' : 'id';
  if (/email/i.test(name)) return 'email';
  if (/password/i.test(name)) return 'password';
  if (name === 'rut') return 'rut';
  if (name === 'dni') return 'dni';
  if (name === 'ruc') return 'ruc';
  if (/^(communeCode|scopeCode|scopeId)$/.test(name)) return 'territory';
  if (/^(localStart|proposedAt|assemblyAt)$/.test(name)) return 'localTime';
  if (/^(arrivedAt|leftAt)$/.test(name)) return 'clockTime';
  if (name === 'timeZone') return 'timeZone';
  if (/On$|^on$|Date$|^until$/.test(name)) return 'date';
  if (name === 'rrule') return 'rrule';
  if (/url$/i.test(name)) return 'url';
  if (/phone/i.test(name)) return 'phone';
  if (/^(fullName|name|guardianName|contactName|ownerName)$/.test(name)) return 'personName';
  return 'text';
}

const GIVEN = ['Ana', 'María José', 'Juan', 'Pedro', 'Camila', 'Josefa', 'Matías', 'Ñuñoa', 'Andrés', 'Sofía'];
const FAMILY = ['Pérez', 'Muñoz', 'González', 'Rojas', 'Díaz', "O'Higgins", 'Soto-Contreras', 'Araya', 'Núñez'];
const WORDS = ['sede', 'ronda', 'plaza', 'feria', 'vecinos', 'compromiso', 'seguridad', 'calle', 'reunión', 'acta'];

function letters(rng: Prng, n: number): string {
  return Array.from({ length: n }, () => String.fromCharCode(97 + rng.int(0, 25))).join('');
}

/** A valid Chilean RUT (check digit computed), in one of its common spellings. */
export function rutOf(body: number, spelling = 0): string {
  let sum = 0;
  let factor = 2;
  for (let n = body; n > 0; n = Math.floor(n / 10)) {
    sum += (n % 10) * factor;
    factor = factor === 7 ? 2 : factor + 1;
  }
  const r = 11 - (sum % 11);
  const dv = r === 11 ? '0' : r === 10 ? 'K' : String(r);
  const digits = String(body);
  if (spelling === 1) return `${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}-${dv}`;
  if (spelling === 2) return `${digits}${dv.toLowerCase()}`;
  return `${digits}-${dv}`;
}

/** Resolves `$ref`s of the document's components. */
export class SchemaResolver {
  constructor(private readonly doc: OpenApiDocument) {}

  resolve(schema: Schema | undefined | null): Schema {
    let s = schema ?? {};
    for (let guard = 0; s.$ref && guard < 10; guard++) {
      const name = s.$ref.split('/').pop() as string;
      s = this.doc.components?.schemas?.[name] ?? {};
    }
    return s;
  }
}

let bomb: Buffer | null = null;
/** 3 MB of JSON in some 3 KB of gzip (built once). */
function gzipBomb(): Buffer {
  bomb ??= gzipSync(`{"a":"${'x'.repeat(3_000_000)}"}`);
  return bomb;
}

const clone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

/** Generates the cases of one operation: a valid body first, then broken in one of many ways. */
export class CaseGenerator<Caller extends string> {
  private readonly resolver: SchemaResolver;
  /** The ids related to the current case's path (set by pathFor; a case is built in one synchronous call). */
  private near: Partial<Record<IdKind, string[]>> = {};
  private pathIds: string[] = [];

  constructor(
    doc: OpenApiDocument,
    private readonly scenario: Scenario<Caller>,
    private readonly seed: string,
  ) {
    this.resolver = new SchemaResolver(doc);
  }

  /** Case `index` of `op`: deterministic for a seed, whatever ran before. */
  build(op: Operation, index: number): FuzzCase<Caller> {
    const rng = new Prng(`${this.seed}|${op.key}|${index}`);
    const path = this.pathFor(op, rng);
    const { right: callers, wrong } = this.scenario.callersFor(op);
    const onObject = this.pathIds.flatMap((id) => this.scenario.actors[id] ?? []);
    const narrowed = callers.filter((caller) => onObject.includes(caller));
    const right = narrowed.length ? narrowed : callers;
    const group = rng.weighted<'right' | 'wrong' | 'anonymous' | 'badToken'>([
      [64, 'right'],
      [31, wrong.length ? 'wrong' : 'right'],
      [3, 'anonymous'],
      [2, 'badToken'],
    ]);
    const caller = group === 'right' ? rng.pick(right) : group === 'wrong' ? rng.pick(wrong) : group;
    const mayAct = group === 'right' || (!wrong.length && group !== 'badToken');
    const query = rng.chance(0.22) ? rng.pick(ODD_QUERIES) : '';
    const c: FuzzCase<Caller> = {
      op,
      index,
      strategy: '',
      caller,
      mayAct,
      path,
      query,
      headers: {},
      body: null,
      multipart: null,
    };
    // issue 22 item 2: a POST may carry an Idempotency-Key; a refused first request must leave no key behind, and a
    // key used again for another request is refused
    if (op.method === 'POST' && rng.chance(0.15))
      c.headers['Idempotency-Key'] = rng.weighted([
        [5, `fuzz-${op.key.length}-${index}-${letters(rng, 12)}`],
        [3, 'fuzz-clave-compartida-00000001'],
        [1, rng.pick(['corta', 'k'.repeat(201), 'clave con espacios', 'clave\tcon\ttab', ''])],
      ]);
    if (op.contentTypes.includes('text/csv')) return this.csvCase(c, rng);
    if (op.contentTypes.includes('multipart/form-data') && rng.chance(0.35)) return this.multipartCase(c, rng);
    return this.jsonCase(c, rng);
  }

  // ---- paths

  private pathFor(op: Operation, rng: Prng): string {
    const params: Record<string, string> = {};
    for (const name of op.pathParams) {
      const kind = this.pathParamKind(op.template, name);
      let value: string;
      if (rng.chance(0.1)) value = rng.pick(MALFORMED_IDS);
      else if (name === 'memberId' && params.id && this.scenario.membersOf[params.id] && rng.chance(0.85))
        value = rng.pick(this.scenario.membersOf[params.id]);
      else value = rng.pick(this.scenario.ids[kind]);
      if (rng.chance(0.03)) value = value.toUpperCase();
      params[name] = value;
    }
    this.near = {};
    this.pathIds = Object.values(params);
    for (const value of this.pathIds)
      for (const [kind, list] of Object.entries(this.scenario.related[value] ?? {}))
        this.near[kind as IdKind] = [...(this.near[kind as IdKind] ?? []), ...(list ?? [])];
    return op.template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]));
  }

  private pathParamKind(template: string, name: string): IdKind {
    if (name === 'memberId') return 'member';
    if (name === 'programId') return 'program';
    if (name === 'associationId') return 'association';
    const segment = /\/api\/v1\/([a-z-]+)\/\{/.exec(template)?.[1];
    switch (segment) {
      case 'associations':
        return 'association';
      case 'people':
        return 'person';
      case 'meetings':
        return 'meeting';
      case 'commitments':
        return 'commitment';
      case 'tables':
        return 'table';
      case 'programs':
        return 'program';
      case 'program-activities':
        return 'activity';
      case 'program-beneficiaries':
        return 'beneficiary';
      case 'fund-calls':
        return 'fundCall';
      case 'fund-applications':
        return 'fundApplication';
      case 'market-venues':
        return 'marketVenue';
      case 'market-slots':
        return 'marketSlot';
      default:
        return 'association';
    }
  }

  // ---- valid values

  /** Ids of a kind, mostly those that belong with the path's ids (the scenario's own list: copy before changing). */
  private pool(kind: IdKind, rng: Prng): readonly string[] {
    const near = this.near[kind];
    return near?.length && rng.chance(0.85) ? near : this.scenario.ids[kind];
  }

  private validString(name: string, schema: Schema, rng: Prng): unknown {
    const kind = fieldKind(name);
    switch (kind) {
      case 'id':
        return rng.pick(this.pool(ID_FIELDS[name], rng));
      case 'ids':
        return rng.sample(this.pool(ID_FIELDS[name], rng), rng.int(0, 4));
      case 'email':
        return rng.chance(0.1) ? this.scenario.login.email : `fuzz.${letters(rng, 8)}@example.cl`;
      case 'password':
        return rng.chance(0.5) ? this.scenario.login.password : `clave-${letters(rng, 10)}`;
      case 'rut':
        return rutOf(rng.int(5_000_000, 25_000_000), rng.int(0, 2));
      case 'dni':
        return String(rng.int(10_000_000, 99_999_999));
      case 'ruc':
        return `20${rng.int(100_000_000, 999_999_999)}`;
      case 'territory':
        return rng.weighted([
          [8, '04101'],
          [1, '13501'],
          [1, 'PE-130102'],
          [1, '04'],
          [1, '041'],
        ]);
      case 'localTime':
        return rng.pick(['2026-04-21T19:30', '2026-03-10T19:30', '2026-05-05T10:00', '2026-03-17T12:00']);
      case 'clockTime':
        return rng.pick(['19:45', '21:10', '20:00']);
      case 'timeZone':
        return rng.pick(['America/Santiago', 'America/Lima', 'America/Punta_Arenas']);
      case 'date':
        return rng.pick(['2026-03-10', '2026-03-17', '2026-03-20', '2026-04-30', '1980-05-04', '2025-11-20']);
      case 'rrule':
        return rng.pick(['FREQ=MONTHLY;BYDAY=1TU,3TU', 'FREQ=WEEKLY;BYDAY=TU', 'FREQ=WEEKLY;INTERVAL=2']);
      case 'url':
        return 'https://meet.google.com/abc-defg-hij';
      case 'phone':
        return '+56 9 1234 5678';
      case 'personName':
        return `${rng.pick(GIVEN)} ${rng.pick(FAMILY)} ${letters(rng, 5)}`;
      default:
        if (typeof schema.example === 'string' && rng.chance(0.5)) return schema.example;
        return `${rng.pick(WORDS)} ${letters(rng, 6)}`;
    }
  }

  private validNumber(name: string, schema: Schema, rng: Prng): number {
    if (name === 'version') return rng.pick([0, 1, 1, 2]);
    if (name === 'count') return rng.int(1, 6);
    if (name === 'progress') return rng.pick([0, 25, 50, 100]);
    if (/^votes|abstentions/.test(name)) return rng.int(0, 8);
    if (name === 'rank') return rng.int(1, 3);
    return rng.int(0, schema.maximum ?? 10);
  }

  /** A value the handler should accept (or refuse only by a domain rule). */
  validValue(name: string, schemaIn: Schema | undefined, rng: Prng, depth = 0): unknown {
    const schema = this.resolver.resolve(schemaIn);
    if (schema.enum?.length) return rng.pick(schema.enum);
    // documented examples of arrays of objects (the acta's items, agreements, commitments) are better than the type
    if (Array.isArray(schema.example) && schema.example.some((e) => e && typeof e === 'object'))
      return this.withRealIds(clone(schema.example), rng);
    switch (schema.type) {
      case 'boolean':
        return rng.chance(0.7);
      case 'number':
      case 'integer':
        return this.validNumber(name, schema, rng);
      case 'array': {
        if (fieldKind(name) === 'ids') return this.validString(name, schema, rng);
        const n = rng.int(0, 3);
        return Array.from({ length: n }, () => this.validValue(name, schema.items, rng, depth + 1));
      }
      case 'string':
        return this.validString(name, schema, rng);
      default:
        if (schema.properties && depth < 5) return this.validObject(schema, rng, depth + 1);
        return this.validString(name, schema, rng);
    }
  }

  private validObject(schema: Schema, rng: Prng, depth = 0): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const required = new Set(schema.required ?? []);
    for (const [name, prop] of Object.entries(schema.properties ?? {})) {
      if (!required.has(name) && !rng.chance(0.45)) continue;
      out[name] = this.validValue(name, prop, rng, depth);
    }
    return out;
  }

  /** Replaces the placeholders of a documented example (`"…"`, null) in id fields with real ids. */
  private withRealIds(value: unknown, rng: Prng): unknown {
    if (Array.isArray(value)) return value.map((v) => this.withRealIds(v, rng));
    if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      for (const k of Object.keys(o)) {
        if (k in ID_FIELDS) o[k] = rng.chance(0.8) ? this.validString(k, {}, rng) : null;
        else o[k] = this.withRealIds(o[k], rng);
      }
    }
    return value;
  }

  /** The body a well-behaved client would send. */
  validBody(op: Operation, rng: Prng): unknown {
    if (!op.bodySchema) return {};
    const schema = this.resolver.resolve(op.bodySchema);
    // most of the time, fields that depend on each other agree, so that the body gets past the rules to the handler
    const agree = rng.chance(0.85);
    if (schema.type === 'array') {
      const items = Array.from({ length: rng.int(1, 4) }, () => this.validValue('item', schema.items, rng, 1));
      return agree ? items.map((item) => this.attendanceMark(item, rng)) : items;
    }
    const body = this.validObject(schema, rng);
    return agree ? this.withBoard(coherent(body, new Set(Object.keys(schema.properties ?? {})), rng), rng) : body;
  }

  /** An attendance mark names a member of the meeting's association or a participant of the table, and a status. */
  private attendanceMark(item: unknown, rng: Prng): unknown {
    if (!item || typeof item !== 'object') return item;
    const mark = { ...(item as Record<string, unknown>) };
    delete mark.memberId;
    if (this.near.participant?.length) mark.participantId = rng.pick(this.near.participant);
    else mark.memberId = rng.pick(this.pool('member', rng));
    mark.status ??= rng.pick(['present', 'excused', 'absent']);
    return mark;
  }

  /** A board or a constitutive assembly: distinct members of the association in the three posts the law requires. */
  private withBoard(b: Record<string, unknown>, rng: Prng): Record<string, unknown> {
    const members = rng.sample(this.pool('member', rng), 5);
    const seats = () =>
      (['president', 'secretary', 'treasurer', 'director'] as const)
        .slice(0, Math.min(members.length, rng.int(3, 4)))
        .map((position, i) => ({ position, memberId: members[i], declaredEligible: true }));
    if (Array.isArray(b.seats)) b.seats = seats();
    if (Array.isArray(b.provisionalBoard)) b.provisionalBoard = seats();
    if (Array.isArray(b.founderMemberIds)) b.founderMemberIds = [...this.pool('member', rng)];
    return b;
  }

  // ---- breaking a valid body

  /** Paths of the leaves and containers of a body, e.g. `['agreements', 0, 'votesFor']`. */
  private fieldPaths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const p = [...prefix, Array.isArray(value) ? Number(k) : k];
        out.push(p);
        this.fieldPaths(v, p, out);
      }
    }
    return out;
  }

  /** The schema's field names too (a broken value also goes where the valid body left a field out). */
  private candidatePaths(op: Operation, body: unknown): (string | number)[][] {
    const paths = this.fieldPaths(body);
    const schema = this.resolver.resolve(op.bodySchema);
    if (!Array.isArray(body)) for (const name of Object.keys(schema.properties ?? {})) paths.push([name]);
    return paths.length ? paths : [['campo']];
  }

  /** The paths whose value (in the valid body) or declared type is of one kind: odd numbers go where numbers go. */
  private pathsOfType(op: Operation, body: unknown, type: 'string' | 'number'): (string | number)[][] {
    const schema = this.resolver.resolve(op.bodySchema);
    const declared = (name: string) => this.resolver.resolve(schema.properties?.[name]).type;
    const paths = this.fieldPaths(body).filter((p) => typeof this.getAt(body, p) === type);
    if (!Array.isArray(body))
      for (const name of Object.keys(schema.properties ?? {}))
        if (declared(name) === type && !paths.some((p) => p.length === 1 && p[0] === name)) paths.push([name]);
    return paths;
  }

  private getAt(body: unknown, path: (string | number)[]): unknown {
    let node = body;
    for (const key of path)
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    return node;
  }

  private setAt(body: unknown, path: (string | number)[], value: unknown): unknown {
    if (!path.length) return value;
    const root = (body && typeof body === 'object' ? body : {}) as Record<string | number, unknown>;
    let node = root;
    for (let i = 0; i < path.length - 1; i++) {
      const next = node[path[i]];
      if (!next || typeof next !== 'object') node[path[i]] = {};
      node = node[path[i]] as Record<string | number, unknown>;
    }
    node[path[path.length - 1]] = value;
    return root;
  }

  private oddForField(name: string, rng: Prng): unknown {
    switch (fieldKind(name)) {
      case 'id':
      case 'ids':
        return rng.chance(0.5) ? rng.pick(MALFORMED_IDS) : rng.pick(this.anyIdOfAnotherKind(name, rng));
      case 'email':
        return rng.pick(ODD_EMAILS);
      case 'rut':
      case 'dni':
      case 'ruc':
        return rng.pick(ODD_RUTS);
      case 'localTime':
        return rng.pick(ODD_LOCAL_TIMES);
      case 'clockTime':
        return rng.pick(ODD_CLOCK_TIMES);
      case 'timeZone':
        return rng.pick(ODD_TIME_ZONES);
      case 'date':
        return rng.pick(ODD_DATES);
      case 'rrule':
        return rng.pick(ODD_RRULES);
      default:
        return rng.pick(ODD_TEXT);
    }
  }

  private anyIdOfAnotherKind(name: string, rng: Prng): string[] {
    const own = ID_FIELDS[name];
    const kinds = (Object.keys(this.scenario.ids) as IdKind[]).filter((k) => k !== own && this.scenario.ids[k].length);
    const kind = rng.pick(kinds);
    return this.scenario.ids[kind];
  }

  private longText(rng: Prng): string {
    const n = rng.pick(LONG_TEXT_LENGTHS);
    const unit = rng.pick(LONG_TEXT_UNITS);
    return unit.repeat(Math.max(1, Math.floor(n / unit.length)));
  }

  private deep(rng: Prng): RawJson {
    const levels = rng.pick([19, 20, 21, 64, 1_000, 20_000]);
    return rng.chance(0.5)
      ? new RawJson('['.repeat(levels) + ']'.repeat(levels))
      : new RawJson('{"a":'.repeat(levels) + '1' + '}'.repeat(levels));
  }

  private bigArray(name: string, rng: Prng): unknown[] {
    const n = rng.pick([201, 1_000, 10_000, 60_000]);
    const element = rng.weighted<() => unknown>([
      [3, () => (fieldKind(name) === 'ids' ? rng.pick(this.scenario.ids.member.concat(['x'])) : 'x')],
      [2, () => ({})],
      [1, () => null],
      [1, () => 1],
      [1, () => []],
    ])();
    return new Array(n).fill(element);
  }

  private jsonCase(c: FuzzCase<Caller>, rng: Prng): FuzzCase<Caller> {
    const { op } = c;
    let body: unknown = this.validBody(op, rng);
    const strategy = rng.weighted<string>([
      [10, 'valid'],
      [5, 'missing-fields'],
      [12, 'wrong-types'],
      [15, 'odd-text'],
      [6, 'long-text'],
      [5, 'big-arrays'],
      [4, 'deep-nesting'],
      [5, 'prototype-keys'],
      [4, 'unknown-fields'],
      [6, 'odd-numbers'],
      [7, 'odd-fields'],
      [5, 'raw-body'],
      [4, 'content-type'],
      [3, 'encoding'],
      [2, 'form-body'],
    ]);
    c.strategy = strategy;
    c.headers['Content-Type'] = 'application/json';
    const paths = this.candidatePaths(op, body);
    const strings = this.pathsOfType(op, body, 'string');
    const numbers = this.pathsOfType(op, body, 'number');
    const lastName = (p: (string | number)[]) => String([...p].reverse().find((x) => typeof x === 'string') ?? 'x');
    // mostly one broken field, so that it is the only thing the handler has to refuse
    const times = rng.weighted([
      [6, 1],
      [2, 2],
      [1, 3],
    ]);
    switch (strategy) {
      case 'valid':
        break;
      case 'missing-fields':
        body = rng.chance(0.3) ? {} : Object.fromEntries(Object.entries(body as object).filter(() => rng.chance(0.4)));
        break;
      case 'wrong-types':
        for (let i = 0; i < times; i++) body = this.setAt(body, rng.pick(paths), clone(rng.pick(WRONG_TYPES)));
        break;
      case 'odd-text':
        for (let i = 0; i < times; i++) {
          const text = rng.pick(ODD_TEXT);
          const target = strings.length && rng.chance(0.85) ? strings : paths;
          body = this.setAt(body, rng.pick(target), rng.chance(0.3) ? `${text} ${rng.pick(WORDS)} ${text}` : text);
        }
        break;
      case 'long-text':
        body = this.setAt(body, rng.pick(strings.length && rng.chance(0.85) ? strings : paths), this.longText(rng));
        break;
      case 'big-arrays': {
        const p = rng.pick(paths);
        body = this.setAt(body, p, this.bigArray(lastName(p), rng));
        break;
      }
      case 'deep-nesting':
        body = rng.chance(0.8) ? this.setAt(body, rng.pick(paths), this.deep(rng)) : this.deep(rng);
        break;
      case 'prototype-keys': {
        const key = rng.pick(['__proto__', 'constructor', 'prototype']);
        const value = rng.pick<unknown>([{ admin: true }, { prototype: { admin: true } }, 1, null, 'x']);
        const entries = Object.entries(
          (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as object,
        );
        entries.splice(rng.int(0, entries.length), 0, [key, value]);
        body = rng.chance(0.7) ? new Entries(entries) : this.setAt(body, rng.pick(paths), new Entries([[key, value]]));
        break;
      }
      case 'unknown-fields': {
        // mass assignment (SECURITY.md): fields no DTO has, at the top or in an array's element
        const target = (Array.isArray(body) ? (body[0] ??= {}) : body) as Record<string, unknown>;
        for (const k of rng.sample(['status', 'role', 'associationId', 'id', 'createdAt', 'approvedAt', 'roles'], 2))
          target[k] = rng.pick<unknown>(['in_force', 'admin', true, 1, []]);
        break;
      }
      case 'odd-numbers':
        for (let i = 0; i < times; i++)
          body = this.setAt(
            body,
            rng.pick(numbers.length && rng.chance(0.85) ? numbers : paths),
            rng.pick(ODD_NUMBERS),
          );
        break;
      case 'odd-fields':
        for (let i = 0; i < times; i++) {
          const p = rng.pick(strings.length && rng.chance(0.85) ? strings : paths);
          body = this.setAt(body, p, this.oddForField(lastName(p), rng));
        }
        break;
      case 'raw-body':
        c.body = rng.pick(RAW_BODIES);
        return c;
      case 'content-type':
        c.headers['Content-Type'] = rng.pick(ODD_CONTENT_TYPES);
        break;
      case 'encoding':
        if (rng.chance(0.5)) {
          c.body = rng.pick(INVALID_UTF8);
        } else {
          c.headers['Content-Encoding'] = rng.pick(['gzip', 'deflate', 'br', 'x-desconocida']);
          // a small gzip that inflates past the 1 MB limit, or bytes that are not what the header says
          c.body = rng.chance(0.5) ? gzipBomb() : Buffer.from(toJson(body));
        }
        return c;
      case 'form-body':
        c.headers['Content-Type'] = 'application/x-www-form-urlencoded';
        c.body = rng.pick(ODD_FORMS);
        return c;
    }
    c.body = toJson(body);
    return c;
  }

  // ---- the roster import (a CSV body) and evidence uploads (multipart)

  private csvCase(c: FuzzCase<Caller>, rng: Prng): FuzzCase<Caller> {
    const header = 'rut,fullName,birthDate,email,phone,address,businessName,businessCategory,joinedOn';
    const row = () =>
      [
        rutOf(rng.int(5_000_000, 25_000_000)),
        `${rng.pick(GIVEN)} ${rng.pick(FAMILY)} ${letters(rng, 4)}`,
        '1980-05-04',
        `fuzz.${letters(rng, 6)}@example.cl`,
        '',
        '',
        '',
        '',
        '2026-03-01',
      ].join(',');
    const strategy = rng.weighted<string>([
      [3, 'valid'],
      [6, 'odd-cells'],
      [2, 'bad-header'],
      [2, 'many-rows'],
      [2, 'encoding'],
      [2, 'content-type'],
      [2, 'structure'],
    ]);
    c.strategy = `csv-${strategy}`;
    c.headers['Content-Type'] = 'text/csv';
    const rows = Array.from({ length: rng.int(1, 4) }, row);
    switch (strategy) {
      case 'valid':
        break;
      case 'odd-cells':
        for (let i = 0; i < rng.int(1, 3); i++) {
          const r = rng.int(0, rows.length - 1);
          const cells = rows[r].split(',');
          const col = rng.int(0, cells.length - 1);
          const odd = rng.chance(0.2) ? rng.pick(ODD_DATES) : rng.chance(0.2) ? rng.pick(ODD_RUTS) : rng.pick(ODD_TEXT);
          cells[col] = rng.chance(0.5) ? `"${odd.replace(/"/g, '""')}"` : odd;
          rows[r] = cells.join(',');
        }
        break;
      case 'bad-header':
        c.body = `${rng.pick(['', 'rut;fullName', header.toUpperCase(), `${header},extra`, 'a,b,c', '\uFEFF\uFEFF' + header])}\n${rows.join('\n')}`;
        return c;
      case 'many-rows': {
        // a long file refused by its last row: all or nothing, nothing imported (accepted imports are the short
        // ones above; a roster of thousands would make every later convocation mail thousands)
        const many = Array.from({ length: rng.pick([300, 2_000]) }, row);
        many[many.length - 1] = many[many.length - 1].replace(/-\w,/, '-X,');
        c.body = `${header}\n${many.join('\n')}`;
        return c;
      }
      case 'encoding':
        c.body = Buffer.concat([Buffer.from(`${header}\n`), rng.pick(INVALID_UTF8), Buffer.from(`\n${rows[0]}`)]);
        return c;
      case 'content-type':
        c.headers['Content-Type'] = rng.pick([
          'application/json',
          'text/plain',
          'application/csv',
          'text/csv; charset=latin1',
        ]);
        break;
      case 'structure':
        c.body = rng.pick([
          '',
          header,
          `${header}\n"sin cerrar,${rows[0]}`,
          `${header}\r\n${rows.join('\r')}`,
          `${header}\n${rows[0]},,,,,,`,
          `${header}\n${'a,'.repeat(5_000)}`,
          `${header}\n\u0000\u0000\u0000`,
          '{"rut":"12345678-5"}',
        ]);
        return c;
    }
    c.body = `${rng.chance(0.2) ? '\uFEFF' : ''}${header}\n${rows.join('\n')}\n`;
    return c;
  }

  private multipartCase(c: FuzzCase<Caller>, rng: Prng): FuzzCase<Caller> {
    const valid = this.validBody(c.op, rng) as Record<string, unknown>;
    const fields: [string, string][] = Object.entries(valid).map(([k, v]) => [k, String(v)]);
    const strategy = rng.weighted<string>([
      [3, 'valid'],
      [4, 'odd-fields'],
      [4, 'odd-file'],
      [2, 'odd-parts'],
    ]);
    c.strategy = `multipart-${strategy}`;
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const files: Multipart['files'] = rng.chance(0.7)
      ? [{ field: 'evidence', name: 'respaldo.pdf', content: pdf, contentType: 'application/pdf' }]
      : [];
    switch (strategy) {
      case 'valid':
        break;
      case 'odd-fields':
        for (let i = 0; i < rng.int(1, 3); i++) {
          const name = rng.pick(['note', 'status', 'progress', '__proto__', 'constructor', 'note[a][b]', 'extra']);
          fields.push([
            name,
            rng.chance(0.2) ? this.longText(rng) : String(rng.pick<unknown>([...ODD_TEXT, ...ODD_NUMBERS])),
          ]);
        }
        break;
      case 'odd-file': {
        const name = rng.pick([
          '\u202Efdp.exe',
          '../../../etc/passwd.pdf',
          'C:\\fakepath\\respaldo.pdf',
          'respaldo\u0000.pdf',
          '😀.pdf',
          'a'.repeat(300) + '.pdf',
          '',
          '.pdf',
          'respaldo.PDF',
          'respaldo.html',
        ]);
        const content = rng.pick([
          pdf,
          Buffer.alloc(0),
          Buffer.from('<html><script>alert(1)</script></html>'),
          Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
          Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
          Buffer.alloc(5 * 1_048_576 + 1, 0x41),
        ]);
        files.splice(0, files.length, {
          field: 'evidence',
          name,
          content,
          contentType: rng.pick(['application/pdf', 'text/html', 'application/octet-stream', 'image/png']),
        });
        break;
      }
      case 'odd-parts':
        files.push({
          field: rng.pick(['evidence', 'file', 'otro']),
          name: 'dos.pdf',
          content: pdf,
          contentType: 'application/pdf',
        });
        break;
    }
    c.multipart = { fields, files };
    return c;
  }
}

/**
 * Makes a generated body agree with the rules between its fields that the DTOs check (API.md): a scope code of
 * the scope's level, count or until, rut in Chile, a neighbourhood unit for a neighbourhood council, dates in order
 * and in the past where they must be. Fields a rule does not relate are left as generated.
 */
function coherent(b: Record<string, unknown>, fields: Set<string>, rng: Prng): Record<string, unknown> {
  const levels: Record<string, string> = { commune: '04101', province: '041', region: '04' };
  if (typeof b.scopeLevel === 'string' && b.scopeLevel in levels) b.scopeCode = levels[b.scopeLevel];
  if (b.kind !== 'security' || b.scopeLevel !== 'commune') delete b.securityCouncil;
  // a meeting series: a cadence, and count or a last date after the first meeting
  if ('count' in b && 'until' in b) delete b.until;
  if ('until' in b) b.until = '2026-12-15';
  if ('every' in b && 'rrule' in b) delete b.rrule;
  if (fields.has('every') && !('every' in b) && !('rrule' in b)) b.every = '2 weeks';
  // a table's participant names an institution (an existing one by name is reused)
  if (fields.has('institutionName') && !('institutionId' in b) && !('institutionName' in b))
    b.institutionName = 'Carabineros de Chile, 1.ª Comisaría';
  // an institution of the commune
  if (fields.has('communeCode') && fields.has('kind') && !fields.has('area')) b.communeCode = '04101';
  if ('rut' in b && 'dni' in b) delete b.dni;
  if (fields.has('rut') && fields.has('birthDate') && !('rut' in b)) b.rut = rutOf(rng.int(5_000_000, 25_000_000));
  if ('communeCode' in b && 'kind' in b && 'area' in b) {
    // an association: Chilean, of a Chilean kind, with what that kind needs
    b.communeCode = '04101';
    if (!['neighbourhood_council', 'functional_organization', 'trade_association'].includes(String(b.kind)))
      b.kind = 'functional_organization';
    if (b.kind === 'neighbourhood_council') b.neighbourhoodUnit = 'Unidad vecinal 12';
    if (b.kind !== 'trade_association') {
      delete b.registryNumber;
      delete b.registeredOn;
    }
    for (const k of ['ruc', 'recognisedBy', 'recognisedOn']) delete b[k];
  }
  if (!String(b.communeCode ?? '').startsWith('PE-')) delete b.ruc;
  if ('institutionKind' in b || 'councilSeat' in b) delete b.councilSeat;
  if ('dni' in b && !('rut' in b) && 'fullName' in b) {
    delete b.dni;
    b.rut = rutOf(rng.int(5_000_000, 25_000_000));
  }
  if ('birthDate' in b) b.birthDate = '1980-05-04';
  if ('joinedOn' in b) b.joinedOn = '2026-03-01';
  if ('leftOn' in b) b.leftOn = '2026-03-15';
  if ('assemblyAt' in b) b.assemblyAt = '2026-03-14T19:30';
  if ('startsOn' in b && 'endsOn' in b) b.endsOn = '2029-03-01';
  if (b.version === 0) b.version = 1;
  return b;
}
