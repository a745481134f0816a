import { createHash } from 'node:crypto';
import { checkMemberAge, type AssociationKind } from '../../src/associations/association-rules';
import { COMMON_SURNAMES } from '../../src/common/demo-surnames';
import {
  addDays,
  formatDate,
  formatTime,
  formatWeekday,
  instantFromLocal,
  localDate,
} from '../../src/common/format/dates';
import { slugify } from '../../src/common/format/file-name';
import { rutCheckDigit, formatRut } from '../../src/common/format/rut';
import { translate } from '../../src/common/i18n/i18n';
import { foldForSearch } from '../../src/common/text';
import { newVerificationCode } from '../../src/documents/verification-code';
import { weeksOfMonth } from '../../src/events/market/allocation';
import { type ActaAgreement, type ActaSnapshot, type HashedMinutes, minutesHash } from '../../src/meetings/acta';
import { agreementOutcome } from '../../src/meetings/majority';
import { computeQuorum } from '../../src/meetings/quorum';
import { defaultSettingsFor } from '../../src/territory/municipality-settings';
import { type CopyValue, CopySet, type TableCopy } from './copy';
import type { ScalePlan } from './plan';
import { FUND_CALL_CATEGORIES } from '../../src/events/funds/fund-call-categories';

/**
 * Issue 21 item 1: the rows of the scale data, generated one organisation at a time and streamed to COPY. Every
 * rule the app enforces holds: valid RUTs (the app's check digit), members of age on the day they joined (the app's
 * rule for the kind), actas approved in meeting order, numbered 1..n per book and hash-chained with the app's own
 * minutesHash (so `npm run cli -- minutes:verify` accepts them), commitments made in a meeting of their own body.
 * Deterministic for a seed; ids are sequential per table (version-4 shaped UUIDs), which keeps the B-trees compact.
 */

export interface CommuneInfo {
  code: string;
  name: string;
  regionCode: string;
  population: number;
  timeZone: string;
}

export interface GeneratedManifest {
  largestCommune: { code: string; name: string; associations: number };
  largeAssociation: { id: string; name: string; members: number; presidentPersonId: string };
  meetingWithApprovedActa: { id: string; minutesId: string; number: number; associationId: string };
  tableWithManyCommitments: { id: string; name: string; commitments: number };
  programWithManyBeneficiaries: { id: string; name: string; beneficiaries: number };
  sampleAssociations: string[];
}

export interface GenerateResult {
  manifest: GeneratedManifest;
  tables: { table: string; rows: number; bytes: number; copyMs: number }[];
  ms: number;
}

// ---------------------------------------------------------------------------------------------------------------
// deterministic randomness and ids

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Ids {
  private n = 0;
  constructor(private readonly tag: string) {}
  next(): string {
    const hex = (++this.n).toString(16).padStart(15, '0');
    return `${this.tag}-0000-4000-8${hex.slice(0, 3)}-${hex.slice(3)}`;
  }
}

const TABLE_TAGS = [
  'association',
  'person',
  'membership',
  'board_term',
  'board_seat',
  'meeting',
  'attendance',
  'agenda_item',
  'minutes',
  'agreement',
  'document',
  'commitment',
  'institution',
  'mesa',
  'table_participant',
  'program',
  'program_association',
  'program_beneficiary',
  'fund_call',
  'market_venue',
  'market_month',
  'market_slot',
] as const;
type Tagged = (typeof TABLE_TAGS)[number];

// ---------------------------------------------------------------------------------------------------------------
// columns of each table the generator writes (the others keep their defaults)

export const COLUMNS: Record<Tagged, readonly string[]> = {
  institution: ['id', 'name', 'name_key', 'kind', 'commune_code', 'created_at'],
  mesa: [
    'id',
    'kind',
    'name',
    'scope_level',
    'scope_code',
    'commune_code',
    'time_zone',
    'convener_institution_id',
    'security_council',
    'description',
    'created_at',
    'updated_at',
    'version',
  ],
  table_participant: ['id', 'table_id', 'institution_id', 'name', 'role', 'email', 'council_seat', 'created_at'],
  program: [
    'id',
    'name',
    'kind',
    'year',
    'agency_institution_id',
    'region_code',
    'commune_codes',
    'starts_on',
    'ends_on',
    'budget_clp',
    'lines',
    'created_at',
    'updated_at',
  ],
  program_association: ['id', 'program_id', 'association_id', 'enrolled_on', 'status', 'created_at'],
  program_beneficiary: [
    'id',
    'program_id',
    'person_id',
    'business_name',
    'business_category',
    'owner_sex',
    'commune_code',
    'association_id',
    'membership_id',
    'source',
    'enrolled_on',
    'created_at',
  ],
  fund_call: [
    'id',
    'institution_id',
    'name',
    'year',
    'scope',
    'region_codes',
    'commune_codes',
    'category',
    'target_applicant',
    'amount_min_clp',
    'amount_max_clp',
    'opens_at',
    'closes_at',
    'description',
    'created_at',
    'updated_at',
    'version',
  ],
  market_venue: [
    'id',
    'name',
    'address',
    'commune_code',
    'program_id',
    'stands_per_week',
    'time_zone',
    'created_at',
    'updated_at',
    'version',
  ],
  market_month: ['id', 'venue_id', 'month', 'status', 'drafted_at', 'published_at'],
  market_slot: [
    'id',
    'venue_id',
    'month',
    'week_starts_on',
    'week_ends_on',
    'stand',
    'beneficiary_id',
    'status',
    'attendance',
    'attendance_marked_at',
    'created_at',
  ],
  association: [
    'id',
    'commune_code',
    'kind',
    'name',
    'name_key',
    'area',
    'address',
    'rut',
    'status',
    'registry_number',
    'registered_on',
    'contact_name',
    'created_at',
    'updated_at',
    'version',
  ],
  person: [
    'id',
    'document_type',
    'document_number',
    'full_name',
    'name_key',
    'birth_date',
    'gender',
    'created_at',
    'updated_at',
  ],
  membership: [
    'id',
    'association_id',
    'person_id',
    'neighbourhood_council',
    'status',
    'joined_on',
    'created_at',
    'updated_at',
    'version',
  ],
  board_term: ['id', 'association_id', 'kind', 'starts_on', 'ends_on', 'created_at'],
  board_seat: ['id', 'term_id', 'membership_id', 'position', 'rank', 'declared_eligible'],
  meeting: [
    'id',
    'association_id',
    'table_id',
    'kind',
    'starts_at',
    'time_zone',
    'place',
    'status',
    'call',
    'created_at',
    'updated_at',
    'version',
    'convened_at',
  ],
  attendance: ['id', 'meeting_id', 'membership_id', 'participant_id', 'status', 'mode', 'updated_at'],
  agenda_item: ['id', 'meeting_id', 'position', 'title', 'source', 'created_at'],
  minutes: [
    'id',
    'meeting_id',
    'association_id',
    'table_id',
    'status',
    'book',
    'number',
    'items',
    'snapshot',
    'approved_at',
    'approver_name',
    'approver_position',
    'content_hash',
    'previous_hash',
    'previous_minutes_id',
    'document_id',
    'created_at',
    'updated_at',
    'version',
  ],
  agreement: [
    'id',
    'minutes_id',
    'number',
    'text',
    'votes_for',
    'votes_against',
    'abstentions',
    'majority',
    'outcome',
    'without_quorum',
  ],
  document: [
    'id',
    'kind',
    'owner_type',
    'owner_id',
    'commune_code',
    'subject',
    'filename',
    'content',
    'size_bytes',
    'sha256',
    'verification_code',
    'status',
    'time_zone',
    'issued_at',
  ],
  commitment: [
    'id',
    'association_id',
    'table_id',
    'origin_meeting_id',
    'description',
    'owner_membership_id',
    'owner_participant_id',
    'owner_institution_id',
    'due_on',
    'status',
    'created_at',
    'updated_at',
    'version',
    'position',
    'owner_kind',
    'progress',
    'closed_at',
  ],
};

export const GENERATED_TABLES = Object.keys(COLUMNS) as Tagged[];

// ---------------------------------------------------------------------------------------------------------------
// words

const FIRST_NAMES: [string, 'female' | 'male'][] = [
  ['María', 'female'],
  ['Ana', 'female'],
  ['Carmen', 'female'],
  ['Rosa', 'female'],
  ['Francisca', 'female'],
  ['Javiera', 'female'],
  ['Constanza', 'female'],
  ['Daniela', 'female'],
  ['Catalina', 'female'],
  ['Valentina', 'female'],
  ['Patricia', 'female'],
  ['Claudia', 'female'],
  ['Paola', 'female'],
  ['Marcela', 'female'],
  ['Gloria', 'female'],
  ['Juan', 'male'],
  ['José', 'male'],
  ['Luis', 'male'],
  ['Carlos', 'male'],
  ['Jorge', 'male'],
  ['Manuel', 'male'],
  ['Pedro', 'male'],
  ['Francisco', 'male'],
  ['Cristián', 'male'],
  ['Sebastián', 'male'],
  ['Matías', 'male'],
  ['Felipe', 'male'],
  ['Rodrigo', 'male'],
  ['Héctor', 'male'],
  ['Sergio', 'male'],
];
const SURNAMES = COMMON_SURNAMES.slice(0, 60);
const PLACES = [
  'Villa Los Aromos',
  'Población La Esperanza',
  'Villa El Sol',
  'Los Copihues',
  'San Francisco',
  'El Bosque',
  'Las Palmas',
  'Santa Elena',
  'Los Jardines',
  'La Frontera',
  'Villa Nueva',
  'El Mirador',
  'Las Acacias',
  'Los Álamos',
  'Bellavista',
  'Lo Valledor',
];
const FUNCTIONAL = [
  'Club Deportivo',
  'Club de Adulto Mayor',
  'Centro de Madres',
  'Comité de Vivienda',
  'Agrupación Cultural',
  'Comité de Adelanto',
  'Centro de Padres',
  'Agrupación de Mujeres',
];
const STREETS = [
  'Los Aromos',
  'Pasaje Las Rosas',
  'Avenida Central',
  'Calle Lautaro',
  'Pasaje Nueve',
  'Avenida Concha y Toro',
  'Calle O’Higgins',
  'Pasaje Los Pinos',
];
const COMMITMENT_TEXTS = [
  'Solicitar a la municipalidad la poda de los árboles del pasaje',
  'Cotizar materiales para el cierre perimetral de la sede',
  'Reunir firmas para la luminaria de la plaza',
  'Coordinar con Carabineros una ronda preventiva',
  'Preparar la rendición del fondo vecinal',
  'Organizar la actividad de fin de mes con los socios',
  'Pedir al Serviu la reparación de la vereda',
  'Actualizar el libro de registro de socios',
  'Enviar la invitación a la asamblea a todos los socios',
  'Postular al fondo de desarrollo vecinal',
];
const AGENDA = [
  'Lectura y aprobación del acta anterior',
  'Cuenta de la directiva',
  'Estado de los compromisos',
  'Varios',
];
const AGREEMENT_TEXTS = [
  'Se aprueba la cuenta de tesorería del período',
  'Se acuerda postular al fondo de desarrollo vecinal',
  'Se aprueba organizar una actividad solidaria',
  'Se acuerda solicitar una reunión con el municipio',
];
const CATEGORIES = ['Alimentos', 'Artesanía', 'Confección', 'Panadería', 'Jardinería', 'Reparaciones'];
const TABLE_SEATS: [string, string, string][] = [
  ['mayor', 'Municipalidad', 'municipality'],
  ['police', 'Carabineros de Chile', 'police'],
  ['investigations_police', 'Policía de Investigaciones', 'investigations_police'],
  ['prosecutor', 'Fiscalía Local', 'prosecutor'],
  ['government_delegation', 'Delegación Presidencial', 'government_delegation'],
  ['councillor', 'Concejo Municipal', 'municipality'],
  ['cosoc', 'Consejo de la Sociedad Civil', 'civil_society'],
  ['executive_secretary', 'Secretaría Ejecutiva de Seguridad', 'municipality'],
];
const FUND_CATEGORIES = FUND_CALL_CATEGORIES;

// ---------------------------------------------------------------------------------------------------------------
// helpers

/** Spreads `total` over `weights` in whole numbers (largest remainder), so the parts add up to `total` exactly. */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k][1]]++;
  return parts;
}

/** Nudges random parts up or down (within [min, max]) until they add up to `total`. */
function fitTotal(
  parts: Uint16Array | Uint8Array,
  total: number,
  min: number,
  max: number,
  rnd: () => number,
  fixed = -1,
): void {
  let sum = 0;
  for (const p of parts) sum += p;
  let guard = 0;
  while (sum !== total && guard++ < 100_000_000) {
    const i = Math.floor(rnd() * parts.length);
    if (i === fixed) continue;
    if (sum > total && parts[i] > min) {
      parts[i]--;
      sum--;
    } else if (sum < total && parts[i] < max) {
      parts[i]++;
      sum++;
    }
  }
  if (sum !== total) throw new Error(`no se pudo repartir ${total} (quedó ${sum})`);
}

/** A one-page PDF with the acta's heading: what the document store keeps for each approved acta (real bytes). */
export function tinyPdf(lines: string[]): Buffer {
  const esc = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\xff]/g, '?');
  const text = lines.map((l, i) => `BT /F1 11 Tf 56 ${780 - i * 16} Td (${esc(l)}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * Commitment `id`, made in meeting `meetingId` of an organisation (owned by a member) or of a table (owned by a
 * participant), the `position`-th there; last updated when closed, if it is.
 */
function commitmentRow(
  id: string,
  body: { associationId: string; tableId: null } | { associationId: null; tableId: string },
  meetingId: string,
  owner: { kind: 'member' | 'participant'; id: string },
  c: {
    description: string;
    dueOn: string;
    status: string;
    progress: number;
    createdAt: string;
    closedAt: Date | null;
    position: number;
  },
): CopyValue[] {
  return [
    id,
    body.associationId,
    body.tableId,
    meetingId,
    c.description,
    owner.kind === 'member' ? owner.id : null,
    owner.kind === 'participant' ? owner.id : null,
    null,
    c.dueOn,
    c.status,
    c.createdAt,
    c.closedAt ?? c.createdAt,
    1,
    c.position,
    owner.kind,
    c.progress,
    c.closedAt,
  ];
}

/** Where an acta belongs: its meeting, the organisation or the table that keeps it, and its book. */
interface ActaPlace {
  meetingId: string;
  associationId: string | null;
  tableId: string | null;
  book: HashedMinutes['book'];
}

/** An approved acta's number, content, approval, place in its book's chain and issued document. */
interface ActaApproval {
  number: number;
  snapshot: ActaSnapshot;
  approvedAt: Date;
  approverName: string;
  approverPosition: string | null;
  hash: string;
  previousHash: string | null;
  previousMinutesId: string | null;
  documentId: string;
}

/**
 * An acta's minutes row: a draft (its items only: no number, snapshot, approval or document yet), or with
 * `approved`, approved, chained and issued (version 2, last updated when approved).
 */
function minutesRow(
  id: string,
  place: ActaPlace,
  items: unknown,
  createdAt: string,
  approved?: ActaApproval,
): CopyValue[] {
  return [
    id,
    place.meetingId,
    place.associationId,
    place.tableId,
    approved ? 'approved' : 'draft',
    place.book,
    approved?.number ?? null,
    JSON.stringify(items),
    approved ? JSON.stringify(approved.snapshot) : null,
    approved?.approvedAt ?? null,
    approved?.approverName ?? null,
    approved?.approverPosition ?? null,
    approved?.hash ?? null,
    approved?.previousHash ?? null,
    approved?.previousMinutesId ?? null,
    approved?.documentId ?? null,
    createdAt,
    approved?.approvedAt ?? createdAt,
    approved ? 2 : 1,
  ];
}

/**
 * The approval of acta `id` by `approver` at `approvedAt`, chained after `previous` (the last approved acta of its
 * book, if any): its number, its approval fields and the hash over them and the acta's content (minutesHash).
 */
function chainedApproval(
  id: string,
  where: ActaPlace,
  content: { items: unknown; snapshot: ActaSnapshot; agreements: ActaAgreement[] },
  approvedAt: Date,
  approver: { name: string; position: string | null },
  previous: { id: string; hash: string; number: number } | null,
) {
  const number = (previous?.number ?? 0) + 1;
  const approval = {
    approvedAt,
    approvedBy: null,
    approverName: approver.name,
    approverPosition: approver.position,
    previousHash: previous?.hash ?? null,
    previousMinutesId: previous?.id ?? null,
  };
  const hash = minutesHash({ id, ...where, number, ...content, amendments: [], ...approval });
  return { number, hash, ...approval };
}

/** An approved acta's PDF as the document store keeps it: issued, with its SHA-256 and a new verification code. */
function minutesDocumentRow(doc: {
  id: string;
  minutesId: string;
  communeCode: string;
  subject: string;
  fileName: string;
  pdf: Buffer;
  zone: string;
  issuedAt: Date;
}): CopyValue[] {
  return [
    doc.id,
    'minutes',
    'minutes',
    doc.minutesId,
    doc.communeCode,
    doc.subject,
    doc.fileName,
    doc.pdf,
    doc.pdf.length,
    createHash('sha256').update(doc.pdf).digest('hex'),
    newVerificationCode(),
    'issued',
    doc.zone,
    doc.issuedAt,
  ];
}

const memo = <T>(fn: (key: string) => T) => {
  const cache = new Map<string, T>();
  return (key: string): T => {
    let v = cache.get(key);
    if (v === undefined) {
      v = fn(key);
      cache.set(key, v);
    }
    return v;
  };
};

/** Selection sampling (Knuth's algorithm S): exactly `needed` of the `candidates` seen, each equally likely. */
class Sampler {
  constructor(
    public needed: number,
    public candidates: number,
  ) {}
  take(rnd: () => number): boolean {
    if (this.candidates <= 0) return false;
    const yes = rnd() * this.candidates < this.needed;
    this.candidates--;
    if (yes) this.needed--;
    return yes;
  }
}

// ---------------------------------------------------------------------------------------------------------------

interface Member {
  id: string;
  personId: string;
  name: string;
  gender: 'female' | 'male';
}

interface MeetingRow {
  id: string;
  kind: 'ordinary' | 'board' | 'table_session';
  date: string;
  time: string;
  startsAt: Date;
  held: boolean;
  place: string;
}

export async function generate(input: {
  url: string;
  plan: ScalePlan;
  now: Date;
  seed: number;
  communes: CommuneInfo[];
  log: (line: string) => void;
}): Promise<GenerateResult> {
  const started = Date.now();
  const { plan, now, communes, log } = input;
  const rnd = mulberry32(input.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const settings = defaultSettingsFor('CL');
  const today = localDate(now, 'America/Santiago');
  const year = Number(today.slice(0, 4));
  const ids = Object.fromEntries(TABLE_TAGS.map((t, i) => [t, new Ids((0x5ca1e000 + i).toString(16))])) as Record<
    Tagged,
    Ids
  >;
  const instant = memo((k: string) => {
    const [local, zone] = k.split('|');
    const at = instantFromLocal(local, zone);
    if (!at) throw new Error(`fecha local inválida: ${local}`);
    return at;
  });
  const shown = memo((k: string) => {
    const [iso, zone] = k.split('|');
    const at = new Date(iso);
    return { date: formatDate(at, zone), weekday: formatWeekday(at, zone), time: formatTime(at, zone) };
  });
  const post = (gender: string | null, position: 'president' | 'secretary') =>
    translate('es', `constitution.posts.${gender ?? 'neutral'}.${position}`);

  const copies = new CopySet(input.url);
  try {
    for (const table of GENERATED_TABLES) await copies.open(table, COLUMNS[table]);
    const c = Object.fromEntries(GENERATED_TABLES.map((t) => [t, copies.get(t)])) as Record<Tagged, TableCopy>;

    // --- territory: organisations by population (a few large communes hold many) ---------------------------------
    const perCommune = apportion(
      plan.associations,
      communes.map((x) => x.population),
    );
    const byPopulation = communes.map((_, i) => i).sort((a, b) => communes[b].population - communes[a].population);
    const largest = byPopulation[0];
    const regions = [...new Set(communes.map((x) => x.regionCode))];

    // sizes: neighbourhood councils (15 %) 30–60 members, other organisations 10–30; fitted to the exact total
    const A = plan.associations;
    const kindOf = new Uint8Array(A); // 0 neighbourhood council, 1 functional organisation, 2 trade association
    const sizes = new Uint16Array(A);
    const communeOf = new Uint16Array(A);
    for (let i = 0, ci = 0, left = perCommune[0]; i < A; i++) {
      while (left === 0) left = perCommune[++ci];
      communeOf[i] = ci;
      left--;
      const r = rnd();
      kindOf[i] = r < 0.15 ? 0 : r < 0.95 ? 1 : 2;
      sizes[i] = kindOf[i] === 0 ? int(30, 60) : int(10, 30);
    }
    // the first organisation of the largest commune is the benchmark's large one: a council of 60
    const largeIndex = perCommune.slice(0, largest).reduce((a, b) => a + b, 0);
    kindOf[largeIndex] = 0;
    sizes[largeIndex] = 60;
    fitTotal(sizes, plan.members, 10, 60, rnd, largeIndex);

    // tables: the most populous communes; the first one meets every two weeks with many commitments
    const tableCommunes = byPopulation.slice(0, Math.min(plan.tables, communes.length));
    const tableSessions = tableCommunes.map((_, t) => (t === 0 ? 26 : 12));
    const tableCommitmentsPerSession = (t: number) => (t === 0 ? 40 : 6);
    const tableMeetings = tableSessions.reduce((a, b) => a + b, 0);
    // each table: sessions in the past year, the last one still to come
    const tableCommitments = tableSessions.reduce((a, n, t) => a + (n - 1) * tableCommitmentsPerSession(t), 0);

    // meetings of organisations: every two weeks, 3–26 each (average to the plan), the last one often still to come
    const meetingsOf = new Uint8Array(A);
    const futureOf = new Uint8Array(A);
    for (let i = 0; i < A; i++) meetingsOf[i] = int(4, 16);
    // the large organisation has met every two weeks for a year (the benchmark's meeting and acta pages)
    meetingsOf[largeIndex] = 26;
    fitTotal(meetingsOf, plan.meetings - tableMeetings, 3, 26, rnd, largeIndex);
    let held = 0;
    for (let i = 0; i < A; i++) {
      futureOf[i] = i === largeIndex || rnd() < 0.8 ? 1 : 0;
      held += meetingsOf[i] - futureOf[i];
    }
    const associationCommitments = plan.commitments - tableCommitments;
    if (associationCommitments < 0 || held <= 0) throw new Error('plan inconsistente: faltan reuniones o compromisos');

    // --- institutions -----------------------------------------------------------------------------------------
    const created = new Date(now.getTime() - 400 * 86_400_000).toISOString();
    const institution = (name: string, kind: string, communeCode: string | null) => {
      const id = ids.institution.next();
      c.institution.row([id, name, foldForSearch(name), kind, communeCode, created]);
      return id;
    };
    const municipalityInstitution = communes.map((x) =>
      institution(`Municipalidad de ${x.name}`, 'municipality', x.code),
    );
    const sercotec = institution('Sercotec', 'sercotec', null);
    const fosis = institution('Fosis', 'other_public', null);
    const spd = institution('Subsecretaría de Prevención del Delito', 'crime_prevention', null);
    const gore = new Map(regions.map((r) => [r, institution(`Gobierno Regional ${r}`, 'other_public', null)]));

    // --- tables (mesas) with participants -----------------------------------------------------------------------
    const tables = tableCommunes.map((ci, t) => {
      const x = communes[ci];
      const id = ids.mesa.next();
      const name = `Consejo Comunal de Seguridad Pública de ${x.name}`;
      c.mesa.row([
        id,
        'security',
        name,
        'commune',
        x.code,
        x.code,
        x.timeZone,
        municipalityInstitution[ci],
        true,
        null,
        created,
        created,
        1,
      ]);
      const participants = TABLE_SEATS.map(([seat, label, kind]) => {
        const inst =
          kind === 'municipality' ? municipalityInstitution[ci] : institution(`${label} ${x.name}`, kind, x.code);
        const [first] = pick(FIRST_NAMES);
        const pname = `${first} ${pick(SURNAMES)} ${pick(SURNAMES)}`;
        const pid = ids.table_participant.next();
        c.table_participant.row([pid, id, inst, pname, label, null, seat, created]);
        return { id: pid, name: pname, institutionId: inst };
      });
      return { id, name, commune: x, participants, index: t };
    });

    // --- programs: half for organisations, half for people (entrepreneurs), by region ---------------------------
    const membersByRegion = new Map<string, number>();
    const associationsByRegion = new Map<string, number>();
    for (let i = 0; i < A; i++) {
      const r = communes[communeOf[i]].regionCode;
      membersByRegion.set(r, (membersByRegion.get(r) ?? 0) + sizes[i]);
      associationsByRegion.set(r, (associationsByRegion.get(r) ?? 0) + 1);
    }
    const regionsByMembers = [...membersByRegion.keys()].sort(
      (a, b) => membersByRegion.get(b)! - membersByRegion.get(a)!,
    );
    const individual = Math.ceil(plan.programs / 2);
    const beneficiaryTargets = apportion(
      plan.beneficiaries,
      Array.from({ length: individual }, (_, j) => (j === 0 ? individual / 2 + 1 : 1)),
    );
    const programs = Array.from({ length: plan.programs }, (_, p) => {
      const isIndividual = p < individual;
      const j = isIndividual ? p : p - individual;
      const region = regionsByMembers[j % regionsByMembers.length];
      const id = ids.program.next();
      const agency = isIndividual ? (j % 2 ? fosis : sercotec) : gore.get(region)!;
      const name = isIndividual
        ? `Emprende ${year} región ${region} N° ${j + 1}`
        : `Fortalecimiento de organizaciones ${year} región ${region} N° ${j + 1}`;
      c.program.row([
        id,
        name,
        isIndividual ? 'individual' : 'associative',
        year,
        agency,
        region,
        [],
        `${year}-01-01`,
        `${year}-12-31`,
        50_000_000 + j * 1_000_000,
        ['Capacitación', 'Equipamiento'],
        created,
        created,
      ]);
      return {
        id,
        name,
        region,
        isIndividual,
        target: isIndividual ? beneficiaryTargets[j] : 0,
        beneficiaries: [] as string[],
      };
    });
    // samplers per region: every member of the region is a candidate, in generation order
    const beneficiarySamplers = programs
      .filter((p) => p.isIndividual)
      .map((p) => {
        const candidates = membersByRegion.get(p.region) ?? 0;
        if (candidates < p.target) p.target = candidates;
        return { program: p, sampler: new Sampler(p.target, candidates) };
      });
    const enrolmentSamplers = programs
      .filter((p) => !p.isIndividual)
      .map((p) => {
        const candidates = associationsByRegion.get(p.region) ?? 0;
        return { program: p, sampler: new Sampler(Math.min(50, Math.floor(candidates / 4)), candidates) };
      });

    // --- organisations, one at a time -------------------------------------------------------------------------
    let personNo = 0;
    let heldSeen = 0;
    let commitmentsMade = 0;
    const manifest: Partial<GeneratedManifest> = { sampleAssociations: [] };
    const progressEvery = Math.max(1, Math.floor(A / 20));
    const associationCount = new Map<number, number>();

    for (let i = 0; i < A; i++) {
      const x = communes[communeOf[i]];
      const zone = x.timeZone;
      associationCount.set(communeOf[i], (associationCount.get(communeOf[i]) ?? 0) + 1);
      const kind: AssociationKind = (
        ['neighbourhood_council', 'functional_organization', 'trade_association'] as const
      )[kindOf[i]];
      const id = ids.association.next();
      const place = pick(PLACES);
      const name =
        kind === 'neighbourhood_council'
          ? `Junta de Vecinos ${place} N° ${i + 1}`
          : kind === 'trade_association'
            ? `Asociación Gremial de Comerciantes ${place} N° ${i + 1}`
            : `${pick(FUNCTIONAL)} ${place} N° ${i + 1}`;
      const rutBody = 65_000_000 + i;
      const nMeetings = meetingsOf[i];
      const nFuture = futureOf[i];
      const nHeld = nMeetings - nFuture;
      const lastHeld = addDays(today, -(1 + int(0, 13)));
      const firstMeeting = addDays(lastHeld, -14 * (nHeld - 1));
      const registeredOn = addDays(firstMeeting, -int(400, 4000));
      const expired = rnd() < 0.05;
      const status = expired ? 'board_expired' : 'in_force';
      const address = `${pick(STREETS)} ${int(100, 3999)}, ${x.name}`;

      // members (each a person of their own, of age on the day they joined)
      const members: Member[] = [];
      for (let k = 0; k < sizes[i]; k++) {
        const [first, gender] = pick(FIRST_NAMES);
        const fullName = `${first} ${pick(SURNAMES)} ${pick(SURNAMES)}`;
        const joinedOn = addDays(firstMeeting, -int(1, daysFrom(registeredOn, firstMeeting)));
        const birthDate = addDays(joinedOn, -int(18 * 366, 80 * 365));
        const age = checkMemberAge(kind, birthDate, joinedOn, settings);
        if (!age.ok || age.needsGuardianConsent)
          throw new Error(`socio menor de edad generado: ${birthDate} ${joinedOn}`);
        const personId = ids.person.next();
        const body = 5_000_000 + personNo++;
        c.person.row([
          personId,
          'rut',
          `${body}-${rutCheckDigit(body)}`,
          fullName,
          foldForSearch(fullName),
          birthDate,
          gender,
          created,
          created,
        ]);
        const mid = ids.membership.next();
        c.membership.row([
          mid,
          id,
          personId,
          kind === 'neighbourhood_council',
          'active',
          joinedOn,
          created,
          created,
          1,
        ]);
        members.push({ id: mid, personId, name: fullName, gender });
        // entrepreneurs of the region's programs
        for (const s of beneficiarySamplers) {
          if (s.program.region !== x.regionCode || !s.sampler.take(rnd)) continue;
          const bid = ids.program_beneficiary.next();
          c.program_beneficiary.row([
            bid,
            s.program.id,
            personId,
            `Emprendimiento ${first} ${k + 1}`,
            pick(CATEGORIES),
            gender,
            x.code,
            id,
            mid,
            'roster',
            `${year}-03-01`,
            created,
          ]);
          s.program.beneficiaries.push(bid);
        }
      }
      c.association.row([
        id,
        x.code,
        kind,
        name,
        foldForSearch(name),
        rnd() < 0.85 ? 'urban' : 'rural',
        address,
        `${rutBody}-${rutCheckDigit(rutBody)}`,
        status,
        String(1000 + i),
        registeredOn,
        members[0].name,
        created,
        created,
        1,
      ]);
      for (const s of enrolmentSamplers) {
        if (s.program.region !== x.regionCode || !s.sampler.take(rnd)) continue;
        c.program_association.row([
          ids.program_association.next(),
          s.program.id,
          id,
          `${year}-03-01`,
          'active',
          created,
        ]);
      }

      // board: president, secretary, treasurer and two directors, one term
      const termStarts = expired ? addDays(today, -int(800, 1000)) : addDays(firstMeeting, -int(30, 600));
      const termEnds = expired ? addDays(termStarts, 730) : addDays(termStarts, 3 * 365);
      const termId = ids.board_term.next();
      c.board_term.row([termId, id, 'definitive', termStarts, termEnds, created]);
      const positions = ['president', 'secretary', 'treasurer', 'director', 'director'] as const;
      positions.forEach((p, k) =>
        c.board_seat.row([ids.board_seat.next(), termId, members[k].id, p, p === 'director' ? k - 2 : null, true]),
      );
      const board = members.slice(0, positions.length);
      const president = members[0];
      const secretary = members[1];
      if (i === largeIndex)
        manifest.largeAssociation = { id, name, members: members.length, presidentPersonId: president.personId };
      if (manifest.sampleAssociations!.length < 12 && (i === largeIndex || i % Math.max(1, Math.floor(A / 10)) === 0))
        manifest.sampleAssociations!.push(id);

      // meetings, every two weeks at the same hour; every fourth one is the board's
      const time = pick(['19:00', '19:30', '20:00', '18:30', '10:00']);
      const meetings: MeetingRow[] = [];
      for (let k = 0; k < nMeetings; k++) {
        let date = addDays(firstMeeting, 14 * k);
        if (k >= nHeld && date <= today) date = addDays(today, 1 + k - nHeld);
        const startsAt = instant(`${date}T${time}|${zone}`);
        meetings.push({
          id: ids.meeting.next(),
          kind: k % 4 === 3 ? 'board' : 'ordinary',
          date,
          time,
          startsAt,
          held: k < nHeld,
          place: `Sede social, ${address}`,
        });
      }
      const draftLast = rnd() < 0.5;
      const chain: Record<'assembly' | 'board', { id: string; hash: string; number: number } | null> = {
        assembly: null,
        board: null,
      };
      let drafting = { assembly: false, board: false };
      for (let k = 0; k < meetings.length; k++) {
        const m = meetings[k];
        const book = m.kind === 'board' ? 'board' : 'assembly';
        const convened = new Date(m.startsAt.getTime() - 7 * 86_400_000);
        const createdAt = new Date(m.startsAt.getTime() - 10 * 86_400_000).toISOString();
        c.meeting.row([
          m.id,
          id,
          null,
          m.kind,
          m.startsAt,
          zone,
          m.place,
          m.held ? 'held' : 'scheduled',
          'first',
          createdAt,
          createdAt,
          1,
          convened,
        ]);
        const agenda = AGENDA.slice(0, m.kind === 'board' ? 2 : 4);
        agenda.forEach((title, p) =>
          c.agenda_item.row([ids.agenda_item.next(), m.id, p + 1, title, 'manual', createdAt]),
        );
        if (!m.held) continue;
        // attendance: the whole roster at assemblies, the board at its meetings
        const roll = m.kind === 'board' ? board : members;
        const marks = roll.map(() => {
          const r = rnd();
          return r < 0.7 ? 'present' : r < 0.8 ? 'excused' : 'absent';
        }) as ('present' | 'excused' | 'absent')[];
        const updated = new Date(m.startsAt.getTime() + 3_600_000);
        roll.forEach((member, k2) =>
          c.attendance.row([ids.attendance.next(), m.id, member.id, null, marks[k2], 'in_person', updated]),
        );
        // commitments: spread so the total is the plan's exactly
        heldSeen++;
        const due = Math.round((associationCommitments * heldSeen) / held);
        let count = Math.max(0, due - commitmentsMade + (heldSeen < held ? int(-1, 1) : 0));
        if (heldSeen === held) count = associationCommitments - commitmentsMade;
        const made: ActaSnapshot['commitments'] = [];
        for (let p = 0; p < count; p++) {
          const owner = roll[Math.floor(rnd() * roll.length)];
          const dueOn = addDays(m.date, int(7, 60));
          const description = pick(COMMITMENT_TEXTS);
          const r = rnd();
          let st: 'open' | 'in_progress' | 'done' | 'cancelled';
          if (dueOn < today) st = r < 0.75 ? 'done' : r < 0.8 ? 'cancelled' : r < 0.9 ? 'in_progress' : 'open';
          else st = r < 0.55 ? 'open' : r < 0.9 ? 'in_progress' : 'done';
          const progress = st === 'done' ? 100 : st === 'in_progress' ? int(10, 90) : 0;
          const closedAt =
            st === 'done' || st === 'cancelled' ? instant(`${dueOn < today ? dueOn : today}T12:00|${zone}`) : null;
          c.commitment.row(
            commitmentRow(
              ids.commitment.next(),
              { associationId: id, tableId: null },
              m.id,
              { kind: 'member', id: owner.id },
              { description, dueOn, status: st, progress, createdAt, closedAt, position: p + 1 },
            ),
          );
          made.push({ description, ownerKind: 'member', owner: owner.name, dueOn });
        }
        commitmentsMade += count;

        // the acta: approved 3–10 days after the meeting, in order; the last one may still be a draft
        const items = agenda.map((title) => ({ title, notes: `Se trató ${title.toLowerCase()}.` }));
        const minutesId = ids.minutes.next();
        const approvedAt = new Date(m.startsAt.getTime() + int(3, 10) * 86_400_000 + int(0, 7200) * 1000);
        const isLast = k === nHeld - 1;
        const where: ActaPlace = { meetingId: m.id, associationId: id, tableId: null, book };
        if (drafting[book] || approvedAt > now || (isLast && draftLast)) {
          drafting = { ...drafting, [book]: true };
          c.minutes.row(minutesRow(minutesId, where, items, createdAt));
          continue;
        }
        const quorum = computeQuorum({ call: 'first', activeMembers: roll.length, attendance: marks });
        const present = quorum.present;
        const agreements: ActaAgreement[] = Array.from({ length: m.kind === 'board' ? 1 : 2 }, (_, a) => {
          const against = Math.min(present, int(0, 2));
          const abstentions = Math.min(present - against, int(0, 1));
          const votes = { votesFor: present - against - abstentions, votesAgainst: against, abstentions };
          return {
            number: a + 1,
            text: AGREEMENT_TEXTS[(k + a) % AGREEMENT_TEXTS.length],
            ...votes,
            majority: 'simple' as const,
            outcome: agreementOutcome('simple', votes, present),
            withoutQuorum: !quorum.reached,
          };
        });
        const when = shown(`${m.startsAt.toISOString()}|${zone}`);
        const next = meetings[k + 1];
        const nextShown = next ? shown(`${next.startsAt.toISOString()}|${zone}`) : null;
        const inTerm = m.date >= termStarts && m.date <= termEnds;
        const snapshot: ActaSnapshot = {
          organisation: {
            name,
            rut: formatRut(`${rutBody}-${rutCheckDigit(rutBody)}`),
            documentLabel: 'RUT',
            kindLabel: translate('es', `kinds.${kind}`),
            communeName: x.name,
          },
          meeting: {
            kindLabel: m.kind === 'board' ? 'Reunión de directorio' : 'Reunión ordinaria',
            date: when.date,
            weekday: when.weekday,
            time: when.time,
            place: m.place,
            onlineUrl: null,
            timeZone: zone,
            call: 'first',
          },
          attendance: roll.map((member, k2) => ({
            name: member.name,
            status: marks[k2],
            mode: 'in_person' as const,
            arrivedAt: null,
          })),
          quorum: { ...quorum, activeMembers: roll.length },
          agenda: agenda.map((title, p) => ({ position: p + 1, title })),
          commitments: made,
          nextMeeting:
            next && nextShown
              ? { date: `${nextShown.weekday} ${nextShown.date}`, time: nextShown.time, place: next.place }
              : null,
          signers: inTerm
            ? {
                president: president.name,
                secretary: secretary.name,
                labels: [post(president.gender, 'president'), post(secretary.gender, 'secretary')],
              }
            : { president: null, secretary: null },
          amendments: [],
        };
        const approval = chainedApproval(
          minutesId,
          where,
          { items, snapshot, agreements },
          approvedAt,
          { name: president.name, position: inTerm ? 'president' : null },
          chain[book],
        );
        const { number, hash } = approval;
        const documentId = ids.document.next();
        const subject = `Acta N° ${number} de ${name}, reunión del ${when.date}`;
        const pdf = tinyPdf([subject, `${x.name}. Aprobada por ${president.name}.`, `Hash ${hash}`]);
        c.document.row(
          minutesDocumentRow({
            id: documentId,
            minutesId,
            communeCode: x.code,
            subject,
            fileName: `acta-${number}-${slugify(name)}.pdf`,
            pdf,
            zone,
            issuedAt: approvedAt,
          }),
        );
        c.minutes.row(minutesRow(minutesId, where, items, createdAt, { snapshot, ...approval, documentId }));
        for (const a of agreements)
          c.agreement.row([
            ids.agreement.next(),
            minutesId,
            a.number,
            a.text,
            a.votesFor,
            a.votesAgainst,
            a.abstentions,
            a.majority,
            a.outcome,
            a.withoutQuorum,
          ]);
        chain[book] = { id: minutesId, hash, number };
        if (i === largeIndex && book === 'assembly')
          manifest.meetingWithApprovedActa = { id: m.id, minutesId, number, associationId: id };
      }

      if ((i + 1) % 64 === 0) await copies.drain();
      if ((i + 1) % progressEvery === 0)
        log(
          `  ${i + 1}/${A} organizaciones, ${c.attendance.rows} asistencias, ${c.commitment.rows} compromisos (${((Date.now() - started) / 1000).toFixed(0)} s)`,
        );
    }

    // --- table sessions, actas and commitments ---------------------------------------------------------------------
    let biggestTable = { id: '', name: '', commitments: 0 };
    for (const t of tables) {
      const zone = t.commune.timeZone;
      const sessions = tableSessions[t.index];
      const step = t.index === 0 ? 14 : 28;
      const last = addDays(today, -int(2, 10));
      let previous: { id: string; hash: string; number: number } | null = null;
      let made = 0;
      for (let k = 0; k < sessions; k++) {
        const isFuture = k === sessions - 1;
        const date = isFuture ? addDays(today, int(3, 20)) : addDays(last, -step * (sessions - 2 - k));
        const startsAt = instant(`${date}T09:30|${zone}`);
        const id = ids.meeting.next();
        const createdAt = new Date(startsAt.getTime() - 10 * 86_400_000).toISOString();
        const place = `Salón municipal de ${t.commune.name}`;
        c.meeting.row([
          id,
          null,
          t.id,
          'table_session',
          startsAt,
          zone,
          place,
          isFuture ? 'scheduled' : 'held',
          'first',
          createdAt,
          createdAt,
          1,
          new Date(startsAt.getTime() - 7 * 86_400_000),
        ]);
        c.agenda_item.row([ids.agenda_item.next(), id, 1, 'Seguimiento de compromisos', 'manual', createdAt]);
        if (isFuture) continue;
        const marks = t.participants.map(() => (rnd() < 0.85 ? 'present' : 'absent') as 'present' | 'absent');
        t.participants.forEach((p, k2) =>
          c.attendance.row([ids.attendance.next(), id, null, p.id, marks[k2], 'in_person', startsAt]),
        );
        const commitments: ActaSnapshot['commitments'] = [];
        for (let p = 0; p < tableCommitmentsPerSession(t.index); p++) {
          const owner = t.participants[Math.floor(rnd() * t.participants.length)];
          const dueOn = addDays(date, int(14, 90));
          const r = rnd();
          const st =
            dueOn < today ? (r < 0.6 ? 'done' : r < 0.8 ? 'in_progress' : 'open') : r < 0.6 ? 'open' : 'in_progress';
          const progress = st === 'done' ? 100 : st === 'in_progress' ? int(10, 90) : 0;
          const closedAt = st === 'done' ? instant(`${dueOn}T12:00|${zone}`) : null;
          const description = `${pick(['Informar', 'Coordinar', 'Instalar', 'Revisar'])} ${pick(['luminarias', 'cámaras', 'patrullajes', 'microbasurales', 'sitios eriazos'])} en ${pick(PLACES)}`;
          c.commitment.row(
            commitmentRow(
              ids.commitment.next(),
              { associationId: null, tableId: t.id },
              id,
              { kind: 'participant', id: owner.id },
              { description, dueOn, status: st, progress, createdAt, closedAt, position: p + 1 },
            ),
          );
          commitments.push({ description, ownerKind: 'participant', owner: owner.name, dueOn });
          made++;
        }
        const minutesId = ids.minutes.next();
        const approvedAt = new Date(startsAt.getTime() + 2 * 86_400_000);
        const items = [{ title: 'Seguimiento de compromisos', notes: 'Se revisó el avance de los compromisos.' }];
        const when = shown(`${startsAt.toISOString()}|${zone}`);
        const snapshot: ActaSnapshot = {
          organisation: { name: t.name, rut: null, kindLabel: 'Mesa', communeName: t.commune.name },
          meeting: {
            kindLabel: 'Sesión de mesa',
            date: when.date,
            weekday: when.weekday,
            time: when.time,
            place,
            onlineUrl: null,
            timeZone: zone,
            call: 'first',
          },
          attendance: t.participants.map((p, k2) => ({
            name: p.name,
            status: marks[k2],
            mode: 'in_person' as const,
            arrivedAt: null,
          })),
          quorum: null,
          agenda: [{ position: 1, title: 'Seguimiento de compromisos' }],
          commitments,
          nextMeeting: null,
          signers: {
            president: t.participants[0].name,
            secretary: t.participants[7].name,
            labels: ['Presidencia', 'Secretaría ejecutiva'],
          },
          amendments: [],
        };
        const where: ActaPlace = { meetingId: id, associationId: null, tableId: t.id, book: 'assembly' };
        if (approvedAt > now) {
          c.minutes.row(minutesRow(minutesId, where, items, createdAt));
          continue;
        }
        const approval = chainedApproval(
          minutesId,
          where,
          { items, snapshot, agreements: [] },
          approvedAt,
          { name: t.participants[0].name, position: null },
          previous,
        );
        const { number, hash } = approval;
        const documentId = ids.document.next();
        const subject = `Acta N° ${number} de ${t.name}, sesión del ${when.date}`;
        const pdf = tinyPdf([subject, `Hash ${hash}`]);
        c.document.row(
          minutesDocumentRow({
            id: documentId,
            minutesId,
            communeCode: t.commune.code,
            subject,
            fileName: `acta-${number}-mesa.pdf`,
            pdf,
            zone,
            issuedAt: approvedAt,
          }),
        );
        c.minutes.row(minutesRow(minutesId, where, items, createdAt, { snapshot, ...approval, documentId }));
        previous = { id: minutesId, hash, number };
      }
      if (made > biggestTable.commitments) biggestTable = { id: t.id, name: t.name, commitments: made };
      await copies.drain();
    }

    // --- fund calls over the year ---------------------------------------------------------------------------------
    for (let f = 0; f < plan.fundCalls; f++) {
      const r = rnd();
      const scope = r < 0.1 ? 'national' : r < 0.4 ? 'regional' : 'communal';
      const ci = byPopulation[f % byPopulation.length];
      const region = communes[ci].regionCode;
      const inst =
        scope === 'national'
          ? pick([sercotec, fosis, spd])
          : scope === 'regional'
            ? gore.get(region)!
            : municipalityInstitution[ci];
      const opens = instant(`${addDays(`${year}-01-01`, int(0, 330))}T09:00|America/Santiago`);
      const closes = new Date(opens.getTime() + int(20, 45) * 86_400_000);
      const category = FUND_CATEGORIES[f % FUND_CATEGORIES.length];
      const min = int(1, 5) * 500_000;
      c.fund_call.row([
        ids.fund_call.next(),
        inst,
        `Fondo ${category} ${scope === 'communal' ? communes[ci].name : region} N° ${f + 1}`,
        year,
        scope,
        scope === 'regional' ? [region] : [],
        scope === 'communal' ? [communes[ci].code] : [],
        category,
        pick(['organizations', 'organizations', 'persons', 'businesses']),
        min,
        min * int(2, 10),
        opens,
        closes,
        'Fondo concursable para proyectos de la comunidad.',
        created,
        created,
        1,
      ]);
      if (f % 256 === 0) await copies.drain();
    }

    // --- market venues of the people's programs with most entrepreneurs, a year of weekly stands --------------------
    const marketPrograms = programs
      .filter((p) => p.isIndividual && p.beneficiaries.length >= 10)
      .sort((a, b) => b.beneficiaries.length - a.beneficiaries.length);
    for (let v = 0; v < Math.min(plan.marketVenues, marketPrograms.length * 4); v++) {
      const program = marketPrograms[v % marketPrograms.length];
      const ci = byPopulation.find((k) => communes[k].regionCode === program.region) ?? byPopulation[0];
      const x = communes[ci];
      const venueId = ids.market_venue.next();
      const stands = Math.max(1, Math.min(20, Math.floor(program.beneficiaries.length / 6)));
      c.market_venue.row([
        venueId,
        `Feria de emprendedores ${x.name} N° ${v + 1}`,
        `Plaza de Armas ${v + 1}, ${x.name}`,
        x.code,
        program.id,
        stands,
        x.timeZone,
        created,
        created,
        1,
      ]);
      for (let month = 1; month <= 12; month++) {
        const ym = `${year}-${String(month).padStart(2, '0')}`;
        const published = ym <= today.slice(0, 7) || month === Number(today.slice(5, 7)) + 1;
        const draftedAt = instant(`${ym}-01T09:00|${x.timeZone}`);
        const drafted = new Date(draftedAt.getTime() - 10 * 86_400_000);
        c.market_month.row([
          ids.market_month.next(),
          venueId,
          ym,
          published ? 'published' : 'draft',
          drafted,
          published ? new Date(drafted.getTime() + 86_400_000) : null,
        ]);
        // a different order each month; nobody twice in a month at a venue
        const order = [...program.beneficiaries];
        for (let k = order.length - 1; k > 0; k--) {
          const j = Math.floor(rnd() * (k + 1));
          [order[k], order[j]] = [order[j], order[k]];
        }
        let next = 0;
        for (const week of weeksOfMonth(ym)) {
          for (let s = 1; s <= stands && next < order.length; s++) {
            const past = week.endsOn < today;
            const r = rnd();
            const att = past ? (r < 0.9 ? 'attended' : r < 0.97 ? 'no_show' : 'excused') : null;
            c.market_slot.row([
              ids.market_slot.next(),
              venueId,
              ym,
              week.startsOn,
              week.endsOn,
              s,
              order[next++],
              'assigned',
              att,
              past ? instant(`${week.endsOn}T18:00|${x.timeZone}`) : null,
              drafted,
            ]);
          }
        }
      }
      await copies.drain();
    }

    const largestIndex = byPopulation[0];
    manifest.largestCommune = {
      code: communes[largestIndex].code,
      name: communes[largestIndex].name,
      associations: associationCount.get(largestIndex) ?? 0,
    };
    manifest.tableWithManyCommitments = biggestTable;
    const bigProgram = [...programs].sort((a, b) => b.beneficiaries.length - a.beneficiaries.length)[0];
    manifest.programWithManyBeneficiaries = {
      id: bigProgram.id,
      name: bigProgram.name,
      beneficiaries: bigProgram.beneficiaries.length,
    };
    log(`  generado en ${((Date.now() - started) / 1000).toFixed(1)} s; esperando que terminen los COPY…`);
    await copies.finish();
    return {
      manifest: manifest as GeneratedManifest,
      tables: copies.all().map((t) => ({ table: t.table, rows: t.rows, bytes: t.bytes, copyMs: t.finishedMs })),
      ms: Date.now() - started,
    };
  } catch (err) {
    await copies.close();
    throw err;
  }
}

function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
