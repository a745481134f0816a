import { createEvent, createEvents, type EventAttributes } from 'ics';

export interface CalendarEvent {
  /** Stable across updates of the same meeting, so calendars replace instead of duplicating. */
  uid: string;
  title: string;
  description?: string;
  location?: string;
  url?: string;
  start: Date;
  end: Date;
  organizer?: { name: string; email: string };
  /** Increase when the event changes (a moved meeting). */
  sequence?: number;
  status?: 'CONFIRMED' | 'CANCELLED';
}

const utcParts = (d: Date): [number, number, number, number, number] => [
  d.getUTCFullYear(),
  d.getUTCMonth() + 1,
  d.getUTCDate(),
  d.getUTCHours(),
  d.getUTCMinutes(),
];

/** RFC 5546: CANCEL for a cancelled meeting from its organizer, REQUEST for an invitation, PUBLISH without one. */
export function icsMethod(event: CalendarEvent): 'CANCEL' | 'REQUEST' | 'PUBLISH' {
  if (!event.organizer) return 'PUBLISH';
  return event.status === 'CANCELLED' ? 'CANCEL' : 'REQUEST';
}

function attributesOf(event: CalendarEvent): EventAttributes {
  return {
    uid: event.uid,
    title: event.title,
    description: event.description,
    location: event.location,
    url: event.url,
    start: utcParts(event.start),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utcParts(event.end),
    endInputType: 'utc',
    endOutputType: 'utc',
    organizer: event.organizer,
    sequence: event.sequence ?? 0,
    status: event.status ?? 'CONFIRMED',
    // RFC 5546: REQUEST needs an organizer; without one the event is published (added to the calendar).
    method: icsMethod(event),
    productId: 'quorum/ics',
  } as EventAttributes;
}

/** An iCalendar (RFC 5545) invitation built with the `ics` library; times in UTC, so no zone ambiguity. */
export function buildIcs(event: CalendarEvent): string {
  const { error, value } = createEvent(attributesOf(event));
  if (error || !value) throw error ?? new Error('no se pudo crear el evento de calendario');
  return value;
}

/** A calendar a phone subscribes to (PUBLISH): every event with its UID and SEQUENCE, the calendar's name. */
export function buildIcsFeed(name: string, events: CalendarEvent[]): string {
  if (!events.length) {
    // createEvents refuses an empty list; an empty calendar is still a valid subscription
    return [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:quorum/ics',
      'METHOD:PUBLISH',
      `X-WR-CALNAME:${name.replace(/[\\;,\n]/g, ' ')}`,
      'END:VCALENDAR',
      '',
    ].join('\r\n');
  }
  const { error, value } = createEvents(
    events.map((e) => ({ ...attributesOf({ ...e, organizer: undefined }), method: undefined }) as EventAttributes),
    { productId: 'quorum/ics', method: 'PUBLISH', calName: name },
  );
  if (error || !value) throw error ?? new Error('no se pudo crear el calendario');
  return value;
}
