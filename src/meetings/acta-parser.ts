import type { FieldError } from '../common/errors/domain.exception';
import type { LocalizedText } from '../common/i18n/messages';
import { parseCalendarDate } from '../common/format/dates';
import { textProblem } from '../common/text';
import type { ActaAgreement, CommitmentOwner, ParsedCommitment } from './acta';
import type { MinutesItem } from './entities/minutes.entity';
import { agreementOutcome, MAJORITIES, type Majority } from './majority';
import { MeetingException } from './meetings.exception';
import { meetingTexts, textTooLong } from './meetings.messages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIMITS = { items: 500, agreements: 100, amendments: 20, title: 10_000, text: 10_000, votes: 100_000 };

/**
 * DOM-MTG-8: who may owe a commitment is the body's rule (members, a named person or an institution for an
 * association; a representative or an institution at the table, with an axis, for a table).
 */
export interface CommitmentRules {
  /** The input keys besides id, description and dueOn. */
  keys: string[];
  /** The most commitments one acta records. */
  limit: number;
  resolve(input: Record<string, unknown>, index: number, at: string, errors: FieldError[]): CommitmentOwner;
}

/** DOM-MTG-7: agreements voted under a majority (assemblies) or adopted by consensus (tables). */
export type AgreementRules =
  { kind: 'votes'; present: number; reached: boolean; defaultMajority: Majority } | { kind: 'consensus' };

/** PUT /api/v1/meetings/:id/minutes (API.md), with `id` on commitments to keep one, and `amendments`. */
export interface ActaInput {
  version?: number | string;
  items?: unknown;
  agreements?: unknown;
  commitments?: unknown;
  amendments?: unknown;
}

export interface ParsedActa {
  version: number | undefined;
  items: MinutesItem[];
  agreements: ActaAgreement[];
  commitments: ParsedCommitment[];
  amendments: { amendsMinutesId: string; text: string }[];
}

/** DOM-MTG-7: the votes cast on an agreement cannot exceed the members present; null when they do not. */
export function votesProblem(
  n: number,
  votes: { votesFor: number; votesAgainst: number; abstentions: number },
  present: number,
): LocalizedText | null {
  const cast = votes.votesFor + votes.votesAgainst + votes.abstentions;
  if (cast === 0 || cast <= present) return null;
  if (present === 0) return meetingTexts.votesWithoutPresent({ n });
  return (present === 1 ? meetingTexts.votesExceedOne : meetingTexts.votesExceedMany)({ n, cast, present });
}

/**
 * The acta engine's parser (PUT /api/v1/meetings/:id/minutes): checks the whole draft, collecting every problem with
 * its field (items[2].notes, agreements[0].votesFor...); the body gives its agreement and commitment rules and the
 * actas an amendment may correct. It reads nothing: `ActaEngine.saveDraft` writes what it returns.
 */
export function parseActa(
  input: ActaInput,
  rules: {
    agreements: AgreementRules;
    commitments: CommitmentRules;
    currentCommitmentIds: Set<string>;
    amendable: Set<string> | null;
  },
): ParsedActa {
  const errors: FieldError[] = [];
  const refuse = (field: string, text: LocalizedText | string) => errors.push(MeetingException.fieldError(field, text));
  const list = (value: unknown, field: string, max: number): (Record<string, unknown> | null)[] => {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      refuse(field, meetingTexts.fieldList({ field }));
      return [];
    }
    if (value.length > max) refuse(field, meetingTexts.fieldMaxItems({ field, max }));
    return value.slice(0, max).map((v: unknown, i) => {
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
      refuse(`${field}[${i}]`, meetingTexts.fieldObject({ field: `${field}[${i}]` }));
      return null;
    });
  };
  const text = (value: unknown, field: string, max: number, required: boolean): string => {
    if (value !== undefined && value !== null && typeof value !== 'string') {
      refuse(field, meetingTexts.fieldText({ field }));
      return '';
    }
    const t = ((value as string | null | undefined) ?? '').trim();
    if (required && !t) refuse(field, meetingTexts.fieldRequired({ field }));
    if (t.length > max) refuse(field, textTooLong(field, max, t.length));
    // issue 22 item 5: what the acta's PDF cannot print is refused here, never at approval
    const unprintable = t && textProblem(field, t);
    if (unprintable) refuse(field, unprintable);
    return t;
  };
  const count = (value: unknown, field: string): number => {
    const n =
      typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : value === undefined || value === null || value === ''
          ? 0
          : value;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > LIMITS.votes) {
      refuse(field, meetingTexts.fieldVotes({ field }));
      return 0;
    }
    return n;
  };
  const known = (obj: object, allowed: string[], field: string) => {
    for (const k of Object.keys(obj))
      if (!allowed.includes(k)) refuse(`${field}.${k}`, meetingTexts.fieldUnknown({ field: `${field}.${k}` }));
  };

  let version: number | undefined;
  if (input.version !== undefined && input.version !== null && input.version !== '') {
    const v = Number(input.version);
    if (!Number.isInteger(v) || v < 0) refuse('version', meetingTexts.minutesVersionInvalid());
    else version = v;
  }

  const items: MinutesItem[] = [];
  list(input.items, 'items', LIMITS.items).forEach((item, i) => {
    if (!item) return;
    known(item, ['agendaItemId', 'title', 'notes'], `items[${i}]`);
    const agendaItemId = item.agendaItemId ? String(item.agendaItemId) : null;
    if (agendaItemId && !UUID.test(agendaItemId))
      refuse(`items[${i}].agendaItemId`, meetingTexts.agendaItemUnknown({ at: `items[${i}]` }));
    items.push({
      agendaItemId,
      title: text(item.title, `items[${i}].title`, LIMITS.title, true),
      notes: text(item.notes, `items[${i}].notes`, LIMITS.text, false),
    });
  });

  // DOM-MTG-7: numbered in order; an assembly's votes by those present, the outcome under the majority that applies
  const agreements: ActaAgreement[] = [];
  const ar = rules.agreements;
  list(input.agreements, 'agreements', LIMITS.agreements).forEach((a, i) => {
    if (!a) return;
    const at = `agreements[${i}]`;
    known(a, ['text', 'votesFor', 'votesAgainst', 'abstentions', 'majority'], at);
    const agreementText = text(a.text, `${at}.text`, LIMITS.text, true);
    if (ar.kind === 'consensus') {
      // a table agrees by consensus: no votes, adopted
      agreements.push({
        number: i + 1,
        text: agreementText,
        votesFor: 0,
        votesAgainst: 0,
        abstentions: 0,
        majority: 'simple',
        outcome: 'approved',
        withoutQuorum: false,
      });
      return;
    }
    const given =
      a.majority === undefined || a.majority === null || a.majority === ''
        ? ar.defaultMajority
        : (a.majority as Majority);
    if (!MAJORITIES.includes(given)) refuse(`${at}.majority`, meetingTexts.majorityInvalid({ at }));
    const majority = MAJORITIES.includes(given) ? given : 'simple';
    const votes = {
      votesFor: count(a.votesFor, `${at}.votesFor`),
      votesAgainst: count(a.votesAgainst, `${at}.votesAgainst`),
      abstentions: count(a.abstentions, `${at}.abstentions`),
    };
    const problem = votesProblem(i + 1, votes, ar.present);
    if (problem) refuse(`${at}.votesFor`, problem);
    // DOM-MTG-6: decisions taken without quorum are flagged
    agreements.push({
      number: i + 1,
      text: agreementText,
      ...votes,
      majority,
      outcome: agreementOutcome(majority, votes, ar.present),
      withoutQuorum: !ar.reached,
    });
  });

  // DOM-MTG-8: a description, an owner by the body's rules, a due date; kept by id
  const seen = new Set<string>();
  const commitments: ParsedCommitment[] = [];
  list(input.commitments, 'commitments', rules.commitments.limit).forEach((c, i) => {
    if (!c) return;
    const at = `commitments[${i}]`;
    known(c, ['id', 'description', 'dueOn', ...rules.commitments.keys], at);
    const id = c.id ? String(c.id) : undefined;
    if (id && (!rules.currentCommitmentIds.has(id) || seen.has(id)))
      refuse(`${at}.id`, meetingTexts.commitmentNotInActa({ at }));
    if (id) seen.add(id);
    const description = text(c.description, `${at}.description`, LIMITS.text, true);
    const owner = rules.commitments.resolve(c, i, at, errors);
    const dueOn = typeof c.dueOn === 'string' && c.dueOn.trim() ? parseCalendarDate(c.dueOn.trim()) : null;
    if (!dueOn) refuse(`${at}.dueOn`, meetingTexts.dueOnRequired({ at }));
    commitments.push({ id, description, ...owner, dueOn: dueOn ?? '', position: i + 1 });
  });
  // a commitment left out that already has progress is refused when saving (422, under the rows' lock)

  const amendments: { amendsMinutesId: string; text: string }[] = [];
  const amendmentInput = list(input.amendments, 'amendments', LIMITS.amendments);
  if (amendmentInput.length && !rules.amendable) refuse('amendments', meetingTexts.amendmentsNotHere());
  amendmentInput.forEach((a, i) => {
    if (!a || !rules.amendable) return;
    const at = `amendments[${i}]`;
    known(a, ['minutesId', 'text'], at);
    const minutesId = typeof a.minutesId === 'string' ? a.minutesId : '';
    // DOM-MTG-9: a correction amends an approved acta of an earlier meeting of the same body
    if (!rules.amendable.has(minutesId)) refuse(`${at}.minutesId`, meetingTexts.amendmentTarget({ at }));
    else if (amendments.some((x) => x.amendsMinutesId === minutesId))
      refuse(`${at}.minutesId`, meetingTexts.amendmentTwice({ at }));
    amendments.push({ amendsMinutesId: minutesId, text: text(a.text, `${at}.text`, LIMITS.text, true) });
  });

  if (errors.length)
    throw MeetingException.invalid(
      errors.slice(0, 50),
      errors.length === 1 ? (errors[0].text ?? errors[0].message) : meetingTexts.minutesInvalid(),
    );
  return { version, items, agreements, commitments, amendments };
}
