import { HttpStatus } from '@nestjs/common';
import { DomainException, fieldErrorIn, ModuleException } from '../../../src/common/errors/domain.exception';
import { defineMessages, eachLanguage, localNumber } from '../../../src/common/i18n/messages';

class SampleException extends ModuleException {
  static override readonly codes = ['VOTES_EXCEED_PRESENT'] as const;
}

const texts = defineMessages({
  votesExceed: {
    es: 'Los votos ({votes}) superan a los presentes ({present}).',
    en: 'The votes ({votes}) exceed those present ({present}).',
  },
  plain: { es: 'Sin parámetros.', en: 'No parameters.' },
});

describe('refusals in the reader language (issue 16 item 6)', () => {
  it('fills the numbers of a message in both languages', () => {
    expect(texts.votesExceed({ votes: 12, present: 9 })).toEqual({
      es: 'Los votos (12) superan a los presentes (9).',
      en: 'The votes (12) exceed those present (9).',
    });
    expect(texts.plain().en).toBe('No parameters.');
  });

  it('keeps Spanish as the detail and gives each language on request, field errors included', () => {
    const err = SampleException.rule('VOTES_EXCEED_PRESENT', texts.votesExceed({ votes: 3, present: 2 }), 'votes');
    expect(err).toBeInstanceOf(DomainException);
    expect(err.status).toBe(HttpStatus.UNPROCESSABLE_ENTITY);
    expect(err.detail).toBe('Los votos (3) superan a los presentes (2).');
    expect(err.detailIn('en')).toBe('The votes (3) exceed those present (2).');
    expect(err.errorsIn('en')).toEqual([{ field: 'votes', message: 'The votes (3) exceed those present (2).' }]);
    expect(err.errorsIn('es')[0].message).toBe('Los votos (3) superan a los presentes (2).');
  });

  it('translates the shared refusals (not found, forbidden)', () => {
    expect(SampleException.notFound().detailIn('en')).toMatch(/does not exist/);
    expect(SampleException.forbidden().detailIn('es')).toBe('Su rol no permite esta acción.');
  });

  it('shows a legacy plain string the same in both languages', () => {
    const err = SampleException.field('name', 'Texto antiguo.');
    expect(err.detailIn('en')).toBe('Texto antiguo.');
  });

  it("keeps what else a field error carries (an import's line) and drops the texts", () => {
    const error = { field: 'rut', message: 'RUT inválido.', text: texts.plain(), line: 7 };
    expect(fieldErrorIn(error, 'en')).toEqual({ field: 'rut', message: 'No parameters.', line: 7 });
  });

  it('fills each language with its own words and numbers', () => {
    const text = eachLanguage((l) => texts.votesExceed({ votes: localNumber(10000, l), present: 9 }));
    expect(text).toEqual({
      es: 'Los votos (10.000) superan a los presentes (9).',
      en: 'The votes (10,000) exceed those present (9).',
    });
  });
});
