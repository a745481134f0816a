import { closingSoonFrom, fundCallState, localDateTime, resolveLocal } from '../../../src/events/funds/fund-call-state';

/**
 * DOM-FND-3: a call's state derived from now in the call's time zone, and DOM-FND-1's local open/close times.
 * Chile's 2027 changes: summer time ends on Sunday 4 April at 00:00 (-03 -> -04, 23:00–23:59 of Saturday 3 April
 * happen twice) and starts on Sunday 5 September at 00:00 (-04 -> -03, 00:00–00:59 do not exist). Easter Island
 * changes at the same instants, two hours behind (-05/-06). Punta Arenas stays on -03 all year.
 */
const at = (iso: string) => new Date(iso);
const call = (opensLocal: string, closesLocal: string, timeZone: string) => {
  const opens = resolveLocal(opensLocal, timeZone);
  const closes = resolveLocal(closesLocal, timeZone);
  if (!opens.ok || !closes.ok) throw new Error('test call with a time that does not exist');
  return { opensAt: opens.instant, closesAt: closes.instant, timeZone };
};

describe('fund call state (DOM-FND-3)', () => {
  it('America/Santiago: a call closing at 17:00 after the September change is closed at 17:00 local (-03), not an hour off', () => {
    const c = call('2027-08-02T09:00', '2027-09-10T17:00', 'America/Santiago');
    expect(c.closesAt.toISOString()).toBe('2027-09-10T20:00:00.000Z');
    expect(fundCallState(c, at('2027-09-10T19:59:00Z'), 7)).toBe('closing_soon');
    expect(fundCallState(c, at('2027-09-10T20:00:00Z'), 7)).toBe('closed');
    // the same wall time before the change was one hour later in UTC: 17:00 -04 = 21:00Z
    expect(fundCallState(c, at('2027-09-10T20:59:00Z'), 7)).toBe('closed');
  });

  it('America/Santiago: a call closing at 17:00 after the April change closes at 21:00 UTC (-04)', () => {
    const c = call('2027-03-01T09:00', '2027-04-05T17:00', 'America/Santiago');
    expect(fundCallState(c, at('2027-04-05T20:59:00Z'), 7)).toBe('closing_soon');
    expect(fundCallState(c, at('2027-04-05T21:00:00Z'), 7)).toBe('closed');
  });

  it('Pacific/Easter: closed at its own 17:00 (-05 after the September change), two hours after the mainland', () => {
    const c = call('2027-08-02T09:00', '2027-09-10T17:00', 'Pacific/Easter');
    expect(c.closesAt.toISOString()).toBe('2027-09-10T22:00:00.000Z');
    expect(fundCallState(c, at('2027-09-10T21:59:00Z'), 7)).toBe('closing_soon');
    expect(fundCallState(c, at('2027-09-10T22:00:00Z'), 7)).toBe('closed');
  });

  it('America/Punta_Arenas (no DST, -03): closed at 17:00 local all year', () => {
    const c = call('2027-05-02T09:00', '2027-06-10T17:00', 'America/Punta_Arenas');
    expect(fundCallState(c, at('2027-06-10T19:59:59Z'), 7)).toBe('closing_soon');
    expect(fundCallState(c, at('2027-06-10T20:00:00Z'), 7)).toBe('closed');
  });

  it('upcoming before the opening minute, open from it', () => {
    const c = call('2027-08-02T09:00', '2027-09-10T17:00', 'America/Santiago');
    expect(fundCallState(c, at('2027-08-02T12:59:00Z'), 7)).toBe('upcoming');
    expect(fundCallState(c, at('2027-08-02T13:00:00Z'), 7)).toBe('open');
  });

  it('closing_soon starts 7 local calendar days before the close, counted across the DST change', () => {
    const c = call('2027-08-02T09:00', '2027-09-10T17:00', 'America/Santiago');
    // 3 September 17:00 is still -04: 21:00Z (7 × 24 h would have said 20:00Z)
    expect(closingSoonFrom(c, 7).toISOString()).toBe('2027-09-03T21:00:00.000Z');
    expect(fundCallState(c, at('2027-09-03T20:59:00Z'), 7)).toBe('open');
    expect(fundCallState(c, at('2027-09-03T21:00:00Z'), 7)).toBe('closing_soon');
    expect(fundCallState(c, at('2027-09-03T21:00:00Z'), 3)).toBe('open');
  });
});

describe('local open and close times (DOM-FND-1)', () => {
  it('refuses a time in the spring-forward gap, in Santiago and on Easter Island', () => {
    expect(resolveLocal('2027-09-05T00:30', 'America/Santiago')).toEqual({ ok: false, reason: 'gap' });
    expect(resolveLocal('2027-09-04T22:15', 'Pacific/Easter')).toEqual({ ok: false, reason: 'gap' });
    expect(resolveLocal('2027-09-05T01:00', 'America/Santiago')).toMatchObject({ ok: true });
  });

  it('takes the first of a repeated hour (still summer time) and says it was repeated', () => {
    const r = resolveLocal('2027-04-03T23:30', 'America/Santiago');
    expect(r).toEqual({ ok: true, instant: at('2027-04-04T02:30:00Z'), repeated: true });
    expect(resolveLocal('2027-04-03T21:30', 'Pacific/Easter')).toEqual({
      ok: true,
      instant: at('2027-04-04T02:30:00Z'),
      repeated: true,
    });
    expect(resolveLocal('2027-04-03T22:30', 'America/Santiago')).toMatchObject({ ok: true, repeated: false });
  });

  it('refuses what is not a local date-time or a zone', () => {
    expect(resolveLocal('2027-02-30T10:00', 'America/Santiago')).toEqual({ ok: false, reason: 'format' });
    expect(resolveLocal('2027-02-10 10:00', 'America/Santiago')).toEqual({ ok: false, reason: 'format' });
    expect(resolveLocal('2027-02-10T24:00', 'America/Santiago')).toEqual({ ok: false, reason: 'format' });
    expect(resolveLocal('2027-02-10T10:00', 'Mars/Olympus')).toEqual({ ok: false, reason: 'zone' });
  });

  it('reads an instant back as the local time it was given', () => {
    const r = resolveLocal('2027-07-15T08:05', 'America/Santiago');
    expect(r.ok && localDateTime(r.instant, 'America/Santiago')).toBe('2027-07-15T08:05');
  });
});
