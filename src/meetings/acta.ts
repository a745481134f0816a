import { createHash } from 'node:crypto';
import { formatDate, formatTime, formatWeekday } from '../common/format/dates';
import type { PdfBlock, PdfSpec } from '../documents/pdf-spec';
import type { Commitment } from './entities/commitment.entity';
import type { Meeting } from './entities/meeting.entity';
import { majorityLabel, type Majority, type Outcome } from './majority';

/**
 * What an acta shows besides its notes and agreements (DOM-MTG-10), gathered from the meeting when the minutes
 * are read as a draft and frozen into the minutes at approval: a later change to the roster, the attendance or
 * a commitment's progress never alters an approved acta.
 */
export interface ActaSnapshot {
  /** `rut` holds the organisation's own number, RUT or (Peru) RUC as `documentLabel` says (absent: RUT). */
  organisation: {
    name: string;
    rut: string | null;
    documentLabel?: 'RUT' | 'RUC';
    kindLabel: string;
    communeName: string;
  };
  meeting: {
    kindLabel: string;
    date: string;
    weekday: string;
    time: string;
    place: string;
    onlineUrl: string | null;
    timeZone: string;
    call: 'first' | 'second';
  };
  /** `arrivedAt`: the arrival time recorded with the attendance (`19:12`), when there is one (DOM-MTG-5). */
  attendance: {
    name: string;
    status: 'present' | 'excused' | 'absent';
    mode: 'in_person' | 'online';
    arrivedAt?: string | null;
  }[];
  /** Null for table sessions (no quorum unless the table sets one). */
  quorum: {
    call: 'first' | 'second';
    activeMembers: number;
    required: number;
    present: number;
    reached: boolean;
  } | null;
  agenda: { position: number; title: string }[];
  commitments: { description: string; ownerKind: string; owner: string; dueOn: string | null }[];
  nextMeeting: { date: string; time: string; place: string } | null;
  /** Who signs; `labels` names the two lines when they are not the president and secretary (a table's coordinator). */
  signers: { president: string | null; secretary: string | null; labels?: [string, string] };
  /** Corrections this acta records to earlier approved actas (DOM-MTG-9). */
  amendments: { number: number; date: string; text: string }[];
}

/**
 * The acta's meeting line, an association's meeting or a table's session alike: its kind as the acta names it, and
 * the date, weekday and time in the meeting's own zone.
 */
export function actaMeeting(
  meeting: Pick<Meeting, 'startsAt' | 'timeZone' | 'place' | 'onlineUrl'>,
  kindLabel: string,
  call: ActaSnapshot['meeting']['call'],
): ActaSnapshot['meeting'] {
  return {
    kindLabel,
    date: formatDate(meeting.startsAt, meeting.timeZone),
    weekday: formatWeekday(meeting.startsAt, meeting.timeZone),
    time: formatTime(meeting.startsAt, meeting.timeZone),
    place: meeting.place,
    onlineUrl: meeting.onlineUrl,
    timeZone: meeting.timeZone,
    call,
  };
}

/** A commitment's owner (and axis) as the body's rules resolved it from the acta's input. */
export interface CommitmentOwner {
  ownerKind: Commitment['ownerKind'];
  ownerMembershipId: string | null;
  ownerParticipantId: string | null;
  ownerInstitutionId: string | null;
  ownerName: string | null;
  axisId: string | null;
}

export interface ParsedCommitment extends CommitmentOwner {
  id?: string;
  description: string;
  dueOn: string;
  position: number;
}

export interface ActaAgreement {
  number: number;
  text: string;
  votesFor: number;
  votesAgainst: number;
  abstentions: number;
  majority: Majority;
  outcome: Outcome;
  withoutQuorum: boolean;
}

/** Only an agreement's own fields, in this order (the order DOM-MTG-9's hash reads them in). */
export const actaAgreement = (a: ActaAgreement): ActaAgreement => ({
  number: a.number,
  text: a.text,
  votesFor: a.votesFor,
  votesAgainst: a.votesAgainst,
  abstentions: a.abstentions,
  majority: a.majority,
  outcome: a.outcome,
  withoutQuorum: a.withoutQuorum,
});

/** Everything the acta prints. */
export interface ActaContent {
  snapshot: ActaSnapshot;
  items: { title: string; notes: string }[];
  agreements: ActaAgreement[];
  /** Acta N° (for a draft, the number it will take if approved next). */
  number: number;
  /** The body's word for its meetings (issue 20 item 6: a table's acta says "Próxima sesión"); absent: a body with a
   * quorum meets in "reuniones", one without (a table) in "sesiones". */
  meetingWord?: 'reunión' | 'sesión';
  draft: boolean;
  approval: { at: string; by: string; position: string | null } | null;
}

const STATUS_ES = { present: 'Presente', excused: 'Justificada', absent: 'Ausente' } as const;
const MODE_ES = { in_person: 'Presencial', online: 'En línea' } as const;

/** DOM-MTG-6: the quorum statement the acta carries (required, present, reached). */
export function quorumStatement(q: ActaSnapshot['quorum']): string {
  if (!q) return 'Sesión de mesa: sin quórum exigido.';
  const call = q.call === 'first' ? 'primera citación' : 'segunda citación';
  const rule =
    q.call === 'first' ? `la mayoría absoluta de los ${q.activeMembers} socios activos` : 'el mínimo del estatuto';
  return `Quórum en ${call}: se requerían ${q.required} socios presentes (${rule}); asistieron ${q.present}. ${q.reached ? 'Hubo quórum.' : 'No hubo quórum: los acuerdos se registran como adoptados sin quórum.'}`;
}

export function votesText(
  a: Pick<ActaAgreement, 'votesFor' | 'votesAgainst' | 'abstentions' | 'majority' | 'outcome'>,
): string {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return `Votación: ${plural(a.votesFor, 'voto', 'votos')} a favor, ${a.votesAgainst} en contra, ${plural(a.abstentions, 'abstención', 'abstenciones')} (${majorityLabel(a.majority)}). Resultado: ${a.outcome === 'approved' ? 'APROBADO' : 'RECHAZADO'}.`;
}

/** The text as a sentence: a closing period when it ends without punctuation. */
const sentence = (text: string) => (/[.!?…:;»)"']$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

const formatDue = (dueOn: string | null) =>
  dueOn ? `${dueOn.slice(8, 10)}-${dueOn.slice(5, 7)}-${dueOn.slice(0, 4)}` : 'Sin plazo';

/** DOM-MTG-10: the acta as a document of the house layout; a draft says BORRADOR in its title and across each page. */
export function actaSpec(
  content: ActaContent,
  verification?: { code: string; url: string },
  createdAt?: Date,
): PdfSpec {
  const { snapshot: s } = content;
  const org = s.organisation;
  const blocks: PdfBlock[] = [
    {
      type: 'keyValues',
      rows: [
        ['Fecha', `${s.meeting.weekday} ${s.meeting.date}`],
        ['Hora', `${s.meeting.time} horas`],
        ['Lugar', s.meeting.place + (s.meeting.onlineUrl ? ` y en línea (${s.meeting.onlineUrl})` : '')],
        // a table session has no call or quorum (API.md)
        ...(s.quorum ? [['Citación', s.meeting.call === 'first' ? 'Primera' : 'Segunda'] as [string, string]] : []),
      ],
    },
    { type: 'heading', text: s.quorum ? 'Asistencia y quórum' : 'Asistencia' },
    { type: 'paragraph', text: quorumStatement(s.quorum) },
  ];
  if (s.attendance.length) {
    blocks.push({
      type: 'table',
      columns: [
        { header: 'Nombre', width: 5 },
        { header: 'Asistencia', width: 3 },
        { header: 'Modalidad', width: 2 },
      ],
      // DOM-MTG-5: a present member's arrival time, when recorded (issue 20 item 8)
      rows: s.attendance.map((a) => [
        a.name,
        a.status === 'present' && a.arrivedAt ? `${STATUS_ES[a.status]}, llegó ${a.arrivedAt}` : STATUS_ES[a.status],
        a.status === 'present' ? MODE_ES[a.mode] : '',
      ]),
    });
  }
  blocks.push({ type: 'heading', text: 'Tabla' });
  blocks.push(
    s.agenda.length
      ? { type: 'list', numbered: true, items: s.agenda.map((a) => a.title) }
      : { type: 'paragraph', text: 'Sin tabla registrada.' },
  );
  const discussed = content.items.filter((i) => i.notes.trim());
  if (discussed.length) {
    blocks.push({ type: 'heading', text: 'Desarrollo de la sesión' });
    for (const item of discussed) {
      blocks.push({ type: 'paragraph', text: `${sentence(item.title)} ${item.notes}` });
    }
  }
  if (s.amendments.length) {
    blocks.push({ type: 'heading', text: 'Enmiendas a actas anteriores' });
    for (const a of s.amendments)
      blocks.push({ type: 'paragraph', text: `Enmienda al acta N° ${a.number} del ${a.date}: ${a.text}` });
  }
  blocks.push({ type: 'heading', text: 'Acuerdos' });
  if (content.agreements.length) {
    for (const a of content.agreements) {
      // a table agrees by consensus (its sessions have no quorum and no votes)
      const decided = s.quorum
        ? `${votesText(a)}${a.withoutQuorum ? ' Adoptado sin quórum.' : ''}`
        : 'Adoptado por consenso.';
      blocks.push({ type: 'paragraph', text: `Acuerdo N° ${a.number}: ${sentence(a.text)} ${decided}` });
    }
  } else {
    blocks.push({ type: 'paragraph', text: 'No se adoptaron acuerdos.' });
  }
  blocks.push({ type: 'heading', text: 'Compromisos' });
  blocks.push(
    s.commitments.length
      ? {
          type: 'table',
          columns: [
            { header: 'N°', width: 1, align: 'right' },
            { header: 'Compromiso', width: 9 },
            { header: 'Responsable', width: 5 },
            { header: 'Plazo', width: 3 },
          ],
          rows: s.commitments.map((c, i) => [String(i + 1), c.description, c.owner, formatDue(c.dueOn)]),
        }
      : { type: 'paragraph', text: 'No se registraron compromisos.' },
  );
  blocks.push({ type: 'heading', text: `Próxima ${content.meetingWord ?? (s.quorum ? 'reunión' : 'sesión')}` });
  blocks.push({
    type: 'paragraph',
    text: s.nextMeeting
      ? `${s.nextMeeting.date} a las ${s.nextMeeting.time} horas, en ${s.nextMeeting.place}.`
      : 'Por fijar.',
  });
  if (content.approval) {
    blocks.push({
      type: 'paragraph',
      text: `Acta aprobada el ${content.approval.at} por ${content.approval.by}${content.approval.position ? `, ${content.approval.position}` : ''}.`,
    });
  }
  const [first, second] = s.signers.labels ?? ['Presidencia', 'Secretaría'];
  blocks.push({
    type: 'signatures',
    signers: [
      { name: s.signers.president ?? '', role: first },
      { name: s.signers.secretary ?? '', role: second },
    ],
  });
  // a draft has no number yet: it takes the book's next one when approved (issue 20 item 3)
  const title = content.draft ? `Acta: ${s.meeting.kindLabel}` : `Acta N° ${content.number}: ${s.meeting.kindLabel}`;
  return {
    organisation: {
      name: org.name,
      // issue 20 item 8: the organisation's RUT (RUC in Peru) when recorded
      detail: [org.kindLabel, org.rut ? `${org.documentLabel ?? 'RUT'} ${org.rut}` : null, org.communeName]
        .filter(Boolean)
        .join(' · '),
    },
    title: content.draft ? `BORRADOR · ${title}` : title,
    subtitle: content.draft ? 'Borrador sin aprobar: no tiene validez como acta' : undefined,
    blocks,
    watermark: content.draft ? 'BORRADOR' : undefined,
    verification,
    createdAt,
  };
}

/** JSON with object keys sorted at every level: the same content always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What an approved acta's hash covers: every field of the row that the acta states, its agreements and amendments, and the previous hash. */
export interface HashedMinutes {
  id: string;
  meetingId: string;
  associationId: string | null;
  tableId: string | null;
  book: 'assembly' | 'board';
  number: number;
  items: unknown;
  snapshot: unknown;
  approvedAt: Date;
  approvedBy: string | null;
  approverName: string | null;
  approverPosition: string | null;
  previousHash: string | null;
  previousMinutesId: string | null;
  agreements: Omit<ActaAgreement, never>[];
  amendments: { amendsMinutesId: string; text: string }[];
}

/** DOM-MTG-9: SHA-256 (hex) of the canonical content, chained through `previousHash`. */
export function minutesHash(m: HashedMinutes): string {
  const content = {
    ...m,
    agreements: [...m.agreements].sort((a, b) => a.number - b.number).map(actaAgreement),
    amendments: [...m.amendments]
      .sort((a, b) => (a.amendsMinutesId < b.amendsMinutesId ? -1 : 1))
      .map((a) => ({ amendsMinutesId: a.amendsMinutesId, text: a.text })),
  };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
