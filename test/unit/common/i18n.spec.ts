import { dictionaryKeys, MissingTranslationError, translate } from '../../../src/common/i18n/i18n';

describe('dictionary', () => {
  it('has every Spanish key in English and no English key missing in Spanish', () => {
    expect(dictionaryKeys('en')).toEqual(dictionaryKeys('es'));
  });

  it('fills parameters and fails loudly on a missing key', () => {
    expect(translate('es', 'validation.tooLong', { field: 'nombre', max: 200 })).toBe(
      'El campo nombre admite como máximo 200 caracteres.',
    );
    expect(() => translate('es', 'home.nope')).toThrow(MissingTranslationError);
  });
});
