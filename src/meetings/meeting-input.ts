import { MeetingException } from './meetings.exception';
import { instantFromLocal } from '../common/format/dates';
import { validZone } from './recurrence';
import { meetingTexts } from './meetings.messages';

/**
 * The fields every meeting form has (associations' meetings and tables' sessions): an IANA zone, a local start,
 * a required text and an optional online link; each refusal is a 400 naming its field.
 */
export function meetingZone(timeZone: string): string {
  if (!validZone(timeZone)) throw MeetingException.field('timeZone', meetingTexts.timeZoneInvalid());
  return timeZone;
}

export function localStart(value: unknown, timeZone: string): Date {
  const instant = typeof value === 'string' ? instantFromLocal(value.trim(), timeZone) : null;
  if (!instant) throw MeetingException.field('localStart', meetingTexts.localStartInvalid());
  return instant;
}

export function requiredText(value: unknown, field: string, max: number): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw MeetingException.field(field, meetingTexts.fieldRequired({ field }));
  if (text.length > max) throw MeetingException.field(field, meetingTexts.fieldMaxLength({ field, max }));
  return text;
}

export function onlineLink(value: unknown): string | null {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) return null;
  let ok = false;
  try {
    const u = new URL(text);
    ok = (u.protocol === 'https:' || u.protocol === 'http:') && text.length <= 500;
  } catch {
    ok = false;
  }
  if (!ok) throw MeetingException.field('onlineUrl', meetingTexts.onlineUrlInvalid());
  return text;
}
