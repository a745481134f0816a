import { votesProblem } from '../../../src/meetings/acta-parser';
import { MeetingException } from '../../../src/meetings/meetings.exception';
import { joinTexts, meetingTexts, meetingWord, textTooLong } from '../../../src/meetings/meetings.messages';
import { expandSeries, SeriesRuleError } from '../../../src/meetings/recurrence';

/** The acta engine's refusal texts (issue 16 item 6): Spanish as always, English beside it, parameters filled in both. */
describe('meetings refusal texts', () => {
  it('writes counts the way each language groups them', () => {
    expect(textTooLong('note', 10_000, 10_012)).toEqual({
      es: 'El campo note admite como máximo 10.000 caracteres (tiene 10.012).',
      en: 'The field note allows at most 10,000 characters (it has 10,012).',
    });
  });

  it('names the body in each language: an association meets, a table holds sessions', () => {
    expect([
      meetingWord('reunión', 'en'),
      meetingWord('sesión', 'en', true),
      meetingWord('sesión', 'es', true),
    ]).toEqual(['meeting', 'sessions', 'sesiones']);
  });

  it('DOM-MTG-7: votes above those present, singular and plural, in both languages; joined texts stay apart', () => {
    const one = votesProblem(2, { votesFor: 2, votesAgainst: 0, abstentions: 0 }, 1);
    const none = votesProblem(1, { votesFor: 1, votesAgainst: 0, abstentions: 0 }, 0);
    expect(one).toEqual({
      es: 'Acuerdo 2: hay 2 votos (a favor, en contra y abstenciones) y solo 1 socio presente.',
      en: 'Agreement 2: there are 2 votes (for, against and abstentions) and only 1 member present.',
    });
    expect(none?.en).toBe(
      'Agreement 1: no members are marked present; take the attendance before recording the votes.',
    );
    expect(votesProblem(1, { votesFor: 1, votesAgainst: 0, abstentions: 0 }, 1)).toBeNull();
    expect(joinTexts([one!, none!]).es).toBe(`${one!.es} ${none!.es}`);
  });

  it('a series rule refused keeps its Spanish message and carries the English one to the field error', () => {
    let caught: unknown;
    try {
      expandSeries({ localStart: '2026-03-03T19:30', timeZone: 'America/Santiago', every: '1 week' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(SeriesRuleError);
    const err = caught as SeriesRuleError;
    expect(err.message).toBe('Indique cuántas reuniones (count, hasta 200) o hasta cuándo (until).');
    const refusal = MeetingException.field(err.field, err.text);
    expect(refusal.errorsIn('en')).toEqual([
      { field: 'count', message: 'Give how many meetings (count, up to 200) or until when (until).' },
    ]);
    expect(refusal.detail).toBe(err.message);
  });

  it('texts without parameters and with a literal shape', () => {
    expect(meetingTexts.attendanceRequired({ shape: '[{ memberId, status, mode? }]' }).es).toBe(
      'Envíe la lista de asistencia: [{ memberId, status, mode? }].',
    );
    expect(meetingTexts.meetingChanged().en).toBe(
      'Someone else changed this meeting in the meantime: reload the page.',
    );
  });
});
