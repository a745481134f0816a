import { Frequency, RRule, type Options } from 'rrule';
import { instantFromLocal, parseCalendarDate } from '../common/format/dates';
import type { LocalizedText } from '../common/i18n/messages';
import { eachLanguage, meetingTexts } from './meetings.messages';

/**
 * Meeting series (DOM-MTG-1): a recurrence rule in the body's time zone. The rule is expanded in *local wall
 * time* (rrule works on "floating" dates whose UTC fields are the local ones) and each occurrence is then placed
 * in the zone with its own offset, so 19:30 stays 19:30 across the April and September DST changes of
 * America/Santiago (and Pacific/Easter). rrule's own TZID handling is not used: it depends on the host's zone.
 */
export const MAX_OCCURRENCES = 200;
/** A series never looks further than this from its start. */
const SEARCH_YEARS = 20;

export type Every = '1 week' | '2 weeks' | '1 month';

export interface SeriesRule {
  /** First occurrence, local: 2026-03-03T19:30. */
  localStart: string;
  /** IANA zone (America/Santiago). */
  timeZone: string;
  /** A common cadence; or `rrule` for others (e.g. FREQ=MONTHLY;BYDAY=1TU,3TU: 1st and 3rd Tuesday). */
  every?: Every;
  rrule?: string;
  /** At most 200 occurrences: a count, or an end date (local, inclusive). */
  count?: number;
  until?: string;
}

export interface Occurrence {
  /** Position in the series, from 1. */
  number: number;
  /** Local wall time in the zone: 2026-04-14T19:30. */
  localStart: string;
  /** The instant. */
  startsAt: Date;
}

/** A series rule refused naming its field; `message` is the Spanish text, `text` both languages. */
export class SeriesRuleError extends Error {
  constructor(
    readonly field: keyof SeriesRule,
    readonly text: LocalizedText,
  ) {
    super(text.es);
  }
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const pad = (n: number) => String(n).padStart(2, '0');
const floatingLocal = (d: Date) =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;

/** Whether the runtime knows this IANA zone. */
export function validZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone }).format(0);
    return true;
  } catch {
    return false;
  }
}

/** The rrule options of a cadence or of an RRULE text (frequency DAILY or slower; no DTSTART, COUNT or UNTIL inside). */
function ruleOptions(rule: SeriesRule): Partial<Options> {
  if (rule.every && rule.rrule) throw new SeriesRuleError('rrule', meetingTexts.seriesEveryOrRule());
  if (rule.every === '1 week') return { freq: Frequency.WEEKLY, interval: 1 };
  if (rule.every === '2 weeks') return { freq: Frequency.WEEKLY, interval: 2 };
  if (rule.every === '1 month') return { freq: Frequency.MONTHLY, interval: 1 };
  if (rule.every !== undefined) throw new SeriesRuleError('every', meetingTexts.seriesEveryInvalid());
  const text = (rule.rrule ?? '')
    .trim()
    .replace(/^RRULE:/i, '')
    .toUpperCase();
  if (!text) throw new SeriesRuleError('every', meetingTexts.seriesFrequencyRequired());
  const invalid = (why: LocalizedText) =>
    new SeriesRuleError(
      'rrule',
      eachLanguage((l) => meetingTexts.seriesRuleInvalid({ rule: text.slice(0, 80), why: why[l] })),
    );
  if (text.length > 200) throw invalid(meetingTexts.seriesRuleTooLong());
  // Only the parts a meeting series needs, each with bounded values: rrule.js loops forever on INTERVAL=-1 and
  // throws plain errors on others, so nothing else reaches it.
  const parts = new Map<string, string>();
  for (const part of text.split(';')) {
    const m = /^([A-Z]+)=([A-Z0-9,+-]+)$/.exec(part.trim());
    if (!m || parts.has(m[1])) throw invalid(meetingTexts.seriesRulePart());
    parts.set(m[1], m[2]);
  }
  const allowed: Record<string, RegExp> = {
    FREQ: /^(DAILY|WEEKLY|MONTHLY|YEARLY)$/,
    INTERVAL: /^([1-9]|[1-4][0-9]|5[0-2])$/,
    BYDAY: /^([+-]?[1-5]?(MO|TU|WE|TH|FR|SA|SU))(,[+-]?[1-5]?(MO|TU|WE|TH|FR|SA|SU))*$/,
    BYMONTHDAY: /^(-?([1-9]|[12][0-9]|3[01]))(,-?([1-9]|[12][0-9]|3[01]))*$/,
    BYMONTH: /^([1-9]|1[0-2])(,([1-9]|1[0-2]))*$/,
    BYSETPOS: /^(-?[1-5])(,-?[1-5])*$/,
    WKST: /^(MO|TU|WE|TH|FR|SA|SU)$/,
  };
  for (const [key, value] of parts) {
    if (!allowed[key]) throw new SeriesRuleError('rrule', meetingTexts.seriesRuleOnlyDays());
    if (!allowed[key].test(value)) throw invalid(meetingTexts.seriesRuleValue({ key }));
  }
  if (!parts.has('FREQ')) throw invalid(meetingTexts.seriesRuleNoFreq());
  // rrule.js looks for a match until the year 9999 however near UNTIL is: days that never come (30 February,
  // 31 April) are refused here
  if (parts.has('BYMONTHDAY') && parts.has('BYMONTH')) {
    const longest = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    const days = (parts.get('BYMONTHDAY') as string).split(',').map((d) => Math.abs(Number(d)));
    const months = (parts.get('BYMONTH') as string).split(',').map(Number);
    if (!months.some((month) => days.some((day) => day <= longest[month - 1])))
      throw invalid(meetingTexts.seriesRuleNoSuchDays());
  }
  try {
    return RRule.parseString(text);
  } catch {
    throw invalid(meetingTexts.seriesRuleNotRfc());
  }
}

/** The occurrences of a series, at most 200, each with its local time and instant (DOM-MTG-1). */
export function expandSeries(rule: SeriesRule): Occurrence[] {
  const m = LOCAL.exec(rule.localStart ?? '');
  if (!m || !parseCalendarDate(`${m[1]}-${m[2]}-${m[3]}`) || Number(m[4]) > 23 || Number(m[5]) > 59) {
    throw new SeriesRuleError('localStart', meetingTexts.seriesLocalStartInvalid());
  }
  if (!validZone(rule.timeZone)) throw new SeriesRuleError('timeZone', meetingTexts.timeZoneInvalid());
  if (rule.count !== undefined && rule.until !== undefined)
    throw new SeriesRuleError('count', meetingTexts.seriesCountOrUntil());
  if (rule.count === undefined && rule.until === undefined)
    throw new SeriesRuleError('count', meetingTexts.seriesCountOrUntilRequired({ max: MAX_OCCURRENCES }));
  if (rule.count !== undefined && (!Number.isInteger(rule.count) || rule.count < 1 || rule.count > MAX_OCCURRENCES)) {
    throw new SeriesRuleError('count', meetingTexts.seriesCountInvalid({ max: MAX_OCCURRENCES }));
  }
  const dtstart = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])));
  let until: Date | undefined;
  if (rule.until !== undefined) {
    const end = parseCalendarDate(rule.until);
    if (!end) throw new SeriesRuleError('until', meetingTexts.seriesUntilInvalid());
    if (end < rule.localStart.slice(0, 10)) throw new SeriesRuleError('until', meetingTexts.seriesUntilBeforeStart());
    until = new Date(`${end}T23:59:59.000Z`); // floating: the whole last local day
  }
  if (Number(m[1]) > 2100) throw new SeriesRuleError('localStart', meetingTexts.seriesStartTooLate());
  const options = ruleOptions(rule);
  // one more than the maximum, to tell "exactly 200" from "too many"; and never a search beyond twenty years (a rule
  // that matches nothing, such as 30 February,, would otherwise walk day by day to the year 9999)
  const limit = rule.count ?? MAX_OCCURRENCES + 1;
  const horizon = new Date(Date.UTC(Number(m[1]) + SEARCH_YEARS, Number(m[2]) - 1, Number(m[3]), 23, 59, 59));
  let dates: Date[];
  try {
    dates = new RRule({ ...options, dtstart, until: until && until < horizon ? until : horizon, count: limit }).all();
  } catch {
    throw new SeriesRuleError('rrule', meetingTexts.seriesRuleNotApplicable());
  }
  if (!dates.length) throw new SeriesRuleError(rule.rrule ? 'rrule' : 'until', meetingTexts.seriesNoMeetings());
  if (rule.count && dates.length < rule.count)
    throw new SeriesRuleError('count', meetingTexts.seriesBeyondYears({ count: rule.count, years: SEARCH_YEARS }));
  if (!rule.count && dates.length > MAX_OCCURRENCES) {
    throw new SeriesRuleError('until', meetingTexts.seriesTooMany({ max: MAX_OCCURRENCES }));
  }
  return dates.map((d, i) => {
    const localStart = floatingLocal(d);
    const startsAt = instantFromLocal(localStart, rule.timeZone);
    if (!startsAt) throw new SeriesRuleError('localStart', meetingTexts.seriesUnrecordable());
    return { number: i + 1, localStart, startsAt };
  });
}

/** The rule as stored (RFC 5545 without DTSTART/COUNT/UNTIL): FREQ=WEEKLY;INTERVAL=2, FREQ=MONTHLY;BYDAY=1TU,3TU. */
export function ruleText(rule: Pick<SeriesRule, 'every' | 'rrule'>): string {
  if (rule.every === '1 week') return 'FREQ=WEEKLY;INTERVAL=1';
  if (rule.every === '2 weeks') return 'FREQ=WEEKLY;INTERVAL=2';
  if (rule.every === '1 month') return 'FREQ=MONTHLY;INTERVAL=1';
  return (rule.rrule ?? '')
    .trim()
    .replace(/^RRULE:/i, '')
    .toUpperCase();
}
