import { formatTime, localDate } from '../../common/format/dates';
import type { FundCallState } from './fund-call-categories';

/**
 * The state of a fund call and its local times (DOM-FND-3), pure: no clock, no database. A call is `upcoming` before
 * it opens, `closed` from its closing minute on (17:00 local closes at 17:00 local, whatever the offset that day),
 * `closing_soon` from the same local time `closingSoonDays` calendar days before the close, and `open` otherwise.
 */
export function fundCallState(
  call: { opensAt: Date; closesAt: Date; timeZone: string },
  now: Date,
  closingSoonDays: number,
): FundCallState {
  const t = now.getTime();
  if (t < call.opensAt.getTime()) return 'upcoming';
  if (t >= call.closesAt.getTime()) return 'closed';
  if (t >= closingSoonFrom(call, closingSoonDays).getTime()) return 'closing_soon';
  return 'open';
}

/** The instant a call becomes `closing_soon`: the close's local time, `days` calendar days earlier in its zone. */
export function closingSoonFrom(call: { closesAt: Date; timeZone: string }, days: number): Date {
  const local = localDateTime(call.closesAt, call.timeZone);
  const date = new Date(`${local.slice(0, 10)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  const earlier = `${date.toISOString().slice(0, 10)}${local.slice(10)}`;
  const resolved = resolveLocal(earlier, call.timeZone);
  // that local time may fall in a DST gap: then exactly `days` × 24 h before
  return resolved.ok ? resolved.instant : new Date(call.closesAt.getTime() - days * 86_400_000);
}

/** An instant as the local `yyyy-mm-ddThh:mm` of a zone (what the forms show and the API answers). */
export function localDateTime(instant: Date, timeZone: string): string {
  return `${localDate(instant, timeZone)}T${formatTime(instant, timeZone)}`;
}

export type LocalResolution =
  { ok: true; instant: Date; repeated: boolean } | { ok: false; reason: 'format' | 'gap' | 'zone' };

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * A local `yyyy-mm-ddThh:mm` of a zone -> the instant, refusing what does not exist (DOM-FND-1, DOM-FMT-2):
 * - a time in the hour a DST change skips (America/Santiago's September spring-forward: 00:00–00:59 do not exist)
 *   is `gap`, never moved silently;
 * - a time the clocks show twice (the April fall-back hour) is the FIRST one, the earlier instant, still on summer
 *   time: a call "closing at 23:30" closes at the first 23:30 (`repeated` says so).
 */
export function resolveLocal(local: string, timeZone: string): LocalResolution {
  const m = LOCAL.exec(local);
  if (!m) return { ok: false, reason: 'format' };
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const wanted = Date.UTC(y, mo - 1, d, h, mi);
  if (h > 23 || mi > 59 || new Date(wanted).getUTCDate() !== d || new Date(wanted).getUTCMonth() !== mo - 1)
    return { ok: false, reason: 'format' };
  let offsets: number[];
  try {
    // the zone's offsets half a day either side: every candidate instant is `wanted` minus one of them
    offsets = [offsetAt(wanted - 43_200_000, timeZone), offsetAt(wanted + 43_200_000, timeZone)];
  } catch {
    return { ok: false, reason: 'zone' };
  }
  const candidates = [...new Set(offsets.map((o) => wanted - o))]
    .filter((c) => localDateTime(new Date(c), timeZone) === local)
    .sort((a, b) => a - b);
  if (!candidates.length) return { ok: false, reason: 'gap' };
  return { ok: true, instant: new Date(candidates[0]), repeated: candidates.length > 1 };
}

/** The zone's offset from UTC at an instant, in ms (local wall time read as UTC, minus the instant). */
function offsetAt(instant: number, timeZone: string): number {
  const local = localDateTime(new Date(instant), timeZone);
  return Date.parse(`${local}:00Z`) - Math.floor(instant / 60_000) * 60_000;
}

/** Whether the runtime knows this IANA zone. */
export function knownZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone }).format(0);
    return true;
  } catch {
    return false;
  }
}
