import { expandSeries, MAX_OCCURRENCES, SeriesRuleError } from '../../../src/meetings/recurrence';
import { computeQuorum } from '../../../src/meetings/quorum';

/** The UTC offset of an instant in a zone, in hours (-3, -4...). */
function offsetHours(instant: Date, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName')!.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) + Number(m[3]) / 60) : 0;
}

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof SeriesRuleError) return { field: e.field, message: e.message };
    throw e;
  }
  return null;
};

describe('meeting series (DOM-MTG-1)', () => {
  it('DOM-MTG-1: every two weeks on Tuesday at 19:30 in America/Santiago stays 19:30 across the April and September DST changes', () => {
    const series = expandSeries({
      localStart: '2026-03-03T19:30',
      timeZone: 'America/Santiago',
      every: '2 weeks',
      count: 26,
    });
    expect(series).toHaveLength(26);
    expect(series.every((o) => o.localStart.endsWith('T19:30'))).toBe(true);
    expect(series.every((o) => o.startsAt.getUTCDay() === 2 || o.startsAt.getUTCDay() === 3)).toBe(true); // Tuesday evening local
    // the local time is the same; the instant moves with the offset (summer -3, winter -4 from 5 April, summer again from 6 September)
    const at = (local: string) => series.find((o) => o.localStart === local)!.startsAt.toISOString();
    expect(at('2026-03-31T19:30')).toBe('2026-03-31T22:30:00.000Z');
    expect(at('2026-04-14T19:30')).toBe('2026-04-14T23:30:00.000Z');
    expect(at('2026-09-01T19:30')).toBe('2026-09-01T23:30:00.000Z');
    expect(at('2026-09-15T19:30')).toBe('2026-09-15T22:30:00.000Z');
    expect(series.map((o) => o.number)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    // 14 days apart in local dates, whatever the offset
    for (let i = 1; i < series.length; i++) {
      const days =
        (Date.parse(`${series[i].localStart.slice(0, 10)}T00:00Z`) -
          Date.parse(`${series[i - 1].localStart.slice(0, 10)}T00:00Z`)) /
        86_400_000;
      expect(days).toBe(14);
    }
  });

  it('DOM-MTG-1: a weekly series in Pacific/Easter keeps 19:00 local on both sides of its DST changes', () => {
    const series = expandSeries({
      localStart: '2026-03-02T19:00',
      timeZone: 'Pacific/Easter',
      every: '1 week',
      until: '2026-10-31',
    });
    expect(series.every((o) => o.localStart.endsWith('T19:00'))).toBe(true);
    const offsets = new Set(series.map((o) => offsetHours(o.startsAt, 'Pacific/Easter')));
    expect([...offsets].sort()).toEqual([-5, -6]);
    for (const o of series) {
      const shown = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Pacific/Easter',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(o.startsAt);
      expect(shown).toBe('19:00');
    }
    expect(series.at(-1)!.localStart).toBe('2026-10-26T19:00'); // until is inclusive of its whole local day
  });

  it('DOM-MTG-1: "1st and 3rd Tuesday" over a year gives 24 meetings, each the first or third Tuesday of its month', () => {
    const series = expandSeries({
      localStart: '2026-01-06T19:00',
      timeZone: 'America/Santiago',
      rrule: 'FREQ=MONTHLY;BYDAY=1TU,3TU',
      until: '2026-12-31',
    });
    expect(series).toHaveLength(24);
    for (const o of series) {
      const day = Number(o.localStart.slice(8, 10));
      expect(new Date(`${o.localStart.slice(0, 10)}T12:00:00Z`).getUTCDay()).toBe(2);
      expect((day >= 1 && day <= 7) || (day >= 15 && day <= 21)).toBe(true);
    }
    const byMonth = new Map<string, number>();
    for (const o of series) byMonth.set(o.localStart.slice(0, 7), (byMonth.get(o.localStart.slice(0, 7)) ?? 0) + 1);
    expect([...byMonth.values()]).toEqual(Array(12).fill(2));
    expect(series.slice(0, 4).map((o) => o.localStart)).toEqual([
      '2026-01-06T19:00',
      '2026-01-20T19:00',
      '2026-02-03T19:00',
      '2026-02-17T19:00',
    ]);
  });

  it('a monthly series and an RRULE: prefix are accepted; at most 200 meetings, by count or by end date', () => {
    expect(
      expandSeries({ localStart: '2026-01-15T18:00', timeZone: 'America/Santiago', every: '1 month', count: 3 }).map(
        (o) => o.localStart,
      ),
    ).toEqual(['2026-01-15T18:00', '2026-02-15T18:00', '2026-03-15T18:00']);
    expect(
      expandSeries({
        localStart: '2026-01-05T18:00',
        timeZone: 'America/Lima',
        rrule: 'RRULE:FREQ=WEEKLY;BYDAY=MO,TH',
        count: 4,
      }).map((o) => o.localStart),
    ).toEqual(['2026-01-05T18:00', '2026-01-08T18:00', '2026-01-12T18:00', '2026-01-15T18:00']);
    expect(
      expandSeries({
        localStart: '2026-01-01T09:00',
        timeZone: 'America/Santiago',
        every: '1 week',
        count: MAX_OCCURRENCES,
      }),
    ).toHaveLength(200);
    expect(
      refusal(() =>
        expandSeries({ localStart: '2026-01-01T09:00', timeZone: 'America/Santiago', every: '1 week', count: 201 }),
      ),
    ).toMatchObject({ field: 'count' });
    expect(
      refusal(() =>
        expandSeries({
          localStart: '2026-01-01T09:00',
          timeZone: 'America/Santiago',
          every: '1 week',
          until: '2030-01-01',
        }),
      ),
    ).toMatchObject({ field: 'until', message: expect.stringContaining('más de 200') });
  });

  it('bad rules are refused naming the field, with a Spanish message', () => {
    const base = { localStart: '2026-03-03T19:30', timeZone: 'America/Santiago', count: 5 };
    expect(refusal(() => expandSeries({ ...base, localStart: '2026-02-30T19:30', every: '1 week' }))).toMatchObject({
      field: 'localStart',
    });
    expect(refusal(() => expandSeries({ ...base, timeZone: 'Marte/Olympus', every: '1 week' }))).toMatchObject({
      field: 'timeZone',
    });
    expect(refusal(() => expandSeries({ ...base, every: '3 days' as never }))).toMatchObject({ field: 'every' });
    expect(refusal(() => expandSeries({ ...base }))).toMatchObject({ field: 'every' });
    expect(refusal(() => expandSeries({ ...base, rrule: 'FREQ=HOURLY' }))).toMatchObject({ field: 'rrule' });
    expect(refusal(() => expandSeries({ ...base, rrule: 'FREQ=WEEKLY;COUNT=500' }))).toMatchObject({ field: 'rrule' });
    expect(refusal(() => expandSeries({ ...base, rrule: 'esto no es una regla' }))).toMatchObject({ field: 'rrule' });
    expect(
      refusal(() => expandSeries({ ...base, count: undefined, until: '2026-03-01', every: '1 week' })),
    ).toMatchObject({ field: 'until' });
    expect(
      refusal(() => expandSeries({ localStart: base.localStart, timeZone: base.timeZone, every: '1 week' })),
    ).toMatchObject({ field: 'count' });
  });

  it('rules that would hang or break rrule.js are refused at once: negative or huge intervals, unknown parts, days that never come, years out of range', () => {
    const base = { localStart: '2026-03-03T19:30', timeZone: 'America/Santiago', count: 5 };
    const started = Date.now();
    for (const rrule of [
      'FREQ=DAILY;INTERVAL=-1',
      'FREQ=DAILY;INTERVAL=abc',
      'FREQ=DAILY;INTERVAL=0',
      'FREQ=WEEKLY;BYDAY=XX',
      'FREQ=MONTHLY;BYSETPOS=400',
      'FREQ=MONTHLY;BYMONTHDAY=40',
      'FREQ=YEARLY;BYWEEKNO=53',
      'FREQ=WEEKLY;FREQ=DAILY',
      'FREQ=WEEKLY;;',
    ]) {
      expect([rrule, refusal(() => expandSeries({ ...base, rrule }))]).toEqual([
        rrule,
        expect.objectContaining({ field: 'rrule' }),
      ]);
    }
    // 30 February never comes: refused before rrule.js would walk day by day to the year 9999
    expect(refusal(() => expandSeries({ ...base, rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30' }))).toMatchObject({
      field: 'rrule',
      message: expect.stringContaining('no existen'),
    });
    expect(refusal(() => expandSeries({ ...base, rrule: 'FREQ=MONTHLY;BYDAY=5MO;BYMONTH=2' }))).toMatchObject({
      field: 'count',
    }); // rare: not 5 of them in 20 years
    expect(refusal(() => expandSeries({ ...base, localStart: '2999-12-01T19:30', every: '1 week' }))).toMatchObject({
      field: 'localStart',
    });
    expect(
      refusal(() =>
        expandSeries({ ...base, every: '1 month', count: 200, rrule: undefined, localStart: '2026-01-15T18:00' }),
      ),
    ).toBeNull(); // 200 months fit
    expect(refusal(() => expandSeries({ ...base, rrule: 'FREQ=YEARLY', count: 30 }))).toMatchObject({ field: 'count' });
    expect(Date.now() - started).toBeLessThan(5_000); // a guard against a hang, not a speed target
  });
});

describe('quorum (DOM-MTG-6)', () => {
  const marks = (present: number, excused = 0, absent = 0) => [
    ...Array(present).fill('present'),
    ...Array(excused).fill('excused'),
    ...Array(absent).fill('absent'),
  ];

  it('DOM-MTG-6: first call needs floor(n/2)+1 of the active members (20 -> 11, 19 -> 10); excused and absent do not count', () => {
    expect(computeQuorum({ call: 'first', activeMembers: 20, attendance: marks(10, 5, 5) })).toEqual({
      call: 'first',
      required: 11,
      present: 10,
      reached: false,
    });
    expect(computeQuorum({ call: 'first', activeMembers: 20, attendance: marks(11, 9) })).toEqual({
      call: 'first',
      required: 11,
      present: 11,
      reached: true,
    });
    expect(computeQuorum({ call: 'first', activeMembers: 19, attendance: marks(10) })).toEqual({
      call: 'first',
      required: 10,
      present: 10,
      reached: true,
    });
    expect(computeQuorum({ call: 'first', activeMembers: 19, attendance: marks(9, 10) })).toMatchObject({
      required: 10,
      reached: false,
    });
  });

  it('DOM-MTG-6: second call needs the statute minimum (default 1)', () => {
    expect(computeQuorum({ call: 'second', activeMembers: 20, attendance: marks(1, 0, 19) })).toEqual({
      call: 'second',
      required: 1,
      present: 1,
      reached: true,
    });
    expect(computeQuorum({ call: 'second', activeMembers: 20, attendance: marks(0, 3) })).toMatchObject({
      required: 1,
      reached: false,
    });
    expect(
      computeQuorum({ call: 'second', activeMembers: 20, attendance: marks(4), secondCallMinimum: 5 }),
    ).toMatchObject({ required: 5, reached: false });
  });
});
