import { Matches, validate } from 'class-validator';
import { CreateAssociationDto, CreateMemberDto } from '../../../src/associations/dto/association.dto';
import { ValidationFailedException } from '../../../src/common/errors/domain.exception';
import {
  fromLocalMessage,
  localMessage,
  localText,
  toFieldErrors,
} from '../../../src/common/errors/validation-messages';
import { MissingTranslationError } from '../../../src/common/i18n/i18n';
import { IsPersonName } from '../../../src/common/text-validators';
import { validateBody } from '../../../src/common/validation.pipe';

/** Issue 16 item 6: a DTO's or a validator's own message is a dictionary key, shown in the reader's language. */
describe('localMessage: the project’s own validation messages in Spanish and English', () => {
  class Sample {
    @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: localMessage('validation.date', { field: 'birthDate' }) })
    birthDate = '';

    @IsPersonName('fullName')
    fullName = '';
  }

  const refusals = async (values: Partial<Sample>) =>
    validate(Object.assign(new Sample(), { birthDate: '2026-01-01', fullName: 'Ana Soto', ...values }));

  it('class-validator carries the key’s text in both languages; toFieldErrors answers in the reader’s and keeps both', async () => {
    const errors = await refusals({ birthDate: 'ayer' });
    const spanish = 'El campo birthDate debe ser una fecha (aaaa-mm-dd o dd-mm-aaaa).';
    const english = 'The field birthDate must be a date (yyyy-mm-dd or dd-mm-yyyy).';
    expect(toFieldErrors(errors)).toEqual([
      { field: 'birthDate', message: spanish, text: { es: spanish, en: english } },
    ]);
    expect(toFieldErrors(errors, 'en')).toEqual([
      { field: 'birthDate', message: english, text: { es: spanish, en: english } },
    ]);
  });

  it('a text rule names the field and its aside in each language, and the characters it found', async () => {
    const [error] = toFieldErrors(await refusals({ fullName: 'Ana\u200BSoto' }), 'en');
    expect(error.text).toEqual({
      es: 'El campo fullName (nombre completo) contiene caracteres invisibles (U+200B): escríbalo de nuevo sin copiarlo de otro documento.',
      en: 'The field fullName (full name) contains invisible characters (U+200B): type it again without copying it from another document.',
    });
    const [symbol] = toFieldErrors(await refusals({ fullName: 'Ana $value Soto' }), 'en');
    // class-validator's `$value` token is not filled into the carried text; a `$` the user typed is reported as typed
    expect(symbol.text?.es).toMatch(/^El campo fullName \(nombre completo\) no admite el carácter \$: un nombre/);
    expect(symbol.message).toMatch(/^The field fullName \(full name\) does not accept the character \$: a name/);
  });

  it('a parameter may differ by language; a key missing in either dictionary fails when the message is declared', () => {
    expect(localText('validation.required', { field: { es: 'name (nombre)', en: 'name (name)' } })).toEqual({
      es: 'El campo name (nombre) es obligatorio.',
      en: 'The field name (name) is required.',
    });
    expect(() => localMessage('validation.noSuchMessage', { field: 'x' })).toThrow(MissingTranslationError);
    expect(fromLocalMessage(localMessage('validation.funds.yesNo'))).toEqual({
      es: 'La respuesta de la declaración (value) debe ser sí o no.',
      en: 'The answer of the declaration (value) must be yes or no.',
    });
    expect(fromLocalMessage('El campo x no es válido.')).toBeNull();
  });

  it('a DTO through validateBody: the date, the name and the body’s text rule in the reader’s language, Spanish unchanged', async () => {
    const refused = await validateBody(CreateMemberDto, {
      rut: '12.345.678-5',
      fullName: 'Ana\u202ESoto',
      birthDate: '04/23/1980',
      joinedOn: '2026-03-10',
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationFailedException);
    const errors = refused as ValidationFailedException;
    expect(errors.errorsIn('es')).toEqual([
      {
        field: 'fullName',
        message:
          'El campo fullName (nombre completo) contiene caracteres invisibles que invierten el sentido del texto (U+202E): escríbalo de nuevo sin copiarlo de otro documento.',
      },
      { field: 'birthDate', message: 'El campo birthDate debe ser una fecha (aaaa-mm-dd o dd-mm-aaaa).' },
    ]);
    expect(errors.errorsIn('en').map((e) => e.message)).toEqual([
      'The field fullName (full name) contains invisible characters that reverse the direction of the text (U+202E): type it again without copying it from another document.',
      'The field birthDate must be a date (yyyy-mm-dd or dd-mm-yyyy).',
    ]);

    // a field with no rule of its own is still checked by the pipe's text rule, in both languages
    const body = await validateBody(CreateAssociationDto, {
      communeCode: '04101',
      kind: 'neighbourhood_council',
      name: 'Junta Vecinal Las Compañías',
      area: 'urban',
      address: 'Calle Prat 450',
      description: 'Nuestra junta\u200B',
    }).catch((e: unknown) => e);
    expect((body as ValidationFailedException).errorsIn('en')).toEqual([
      {
        field: 'description',
        message:
          'The field description contains invisible characters (U+200B): type it again without copying it from another document.',
      },
    ]);
  });
});
