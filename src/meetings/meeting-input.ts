import { MeetingException } from './meetings.exception';
import { instantFromLocal } from '../common/format/dates';
import { validZone } from './recurrence';

/**
 * The fields every meeting form has (associations' meetings and tables' sessions): an IANA zone, a local start,
 * a required text and an optional online link; each refusal is a 400 naming its field.
 */
export function meetingZone(timeZone: string): string {
  if (!validZone(timeZone))
    throw MeetingException.field(
      'timeZone',
      'El campo timeZone debe ser una zona horaria IANA, por ejemplo America/Santiago.',
    );
  return timeZone;
}

export function localStart(value: unknown, timeZone: string): Date {
  const instant = typeof value === 'string' ? instantFromLocal(value.trim(), timeZone) : null;
  if (!instant)
    throw MeetingException.field(
      'localStart',
      'El campo localStart debe ser la fecha y hora local, por ejemplo 2026-04-14T19:30.',
    );
  return instant;
}

export function requiredText(value: unknown, field: string, max: number): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw MeetingException.field(field, `El campo ${field} es obligatorio.`);
  if (text.length > max) throw MeetingException.field(field, `El campo ${field} admite como máximo ${max} caracteres.`);
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
  if (!ok)
    throw MeetingException.field('onlineUrl', 'El campo onlineUrl debe ser un enlace https:// (Meet, Zoom, Teams…).');
  return text;
}
