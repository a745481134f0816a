import type { Response } from 'express';
import { ModuleException, ValidationFailedException } from '../../../src/common/errors/domain.exception';
import { hasTranslation, translate } from '../../../src/common/i18n/i18n';
import {
  fieldPattern,
  labelsOfAllViews,
  labelsOfTemplate,
  withFieldLabels,
} from '../../../src/common/views/field-labels';
import { formRefusal, pageMessages } from '../../../src/common/web/form-errors.filter';

/** Issue 20 item 6: a page names a refused field by its form's label, never by its API name. */
describe('field labels on pages', () => {
  const source = [
    '{{field "businessName" label=(t "members.businessName") required=true}}',
    '<label class="form-label" for="agreement-{{index}}-for">{{t "minutes.votesFor"}}</label>',
    '<input class="form-control" id="agreement-{{index}}-for" name="agreements[{{index}}][votesFor]">',
    '{{> forms/field name="email" type="email" label=(t "auth.email") value=values.email}}',
  ].join('\n');

  it('reads the labels a template gives its fields, rows as *', () => {
    expect(fieldPattern('agreements[{{index}}][votesFor]')).toBe('agreements.*.votesFor');
    expect(fieldPattern('agreements.1.votesFor')).toBe('agreements.*.votesFor');
    expect(fieldPattern('commitments[0].dueOn')).toBe('commitments.*.dueOn');
    expect(Object.fromEntries(labelsOfTemplate(source))).toEqual({
      businessName: 'members.businessName',
      'agreements.*.votesFor': 'minutes.votesFor',
      email: 'auth.email',
    });
  });

  it('rewrites "El campo <apiName>" with the label, in Spanish and English, and a row with its position', () => {
    const labels = { page: labelsOfTemplate(source) };
    expect(withFieldLabels('El campo businessName es obligatorio.', 'es', labels)).toBe(
      'El campo «Nombre del negocio» es obligatorio.',
    );
    expect(withFieldLabels('The field businessName is required.', 'en', labels)).toBe(
      'The field “Business name” is required.',
    );
    expect(withFieldLabels('El campo agreements.1.votesFor debe ser un número entero.', 'es', labels)).toBe(
      'El campo «Acuerdo 2 · A favor» debe ser un número entero.',
    );
    // a field no form labels: the dictionary's name, else "este campo" (never the API's name)
    expect(withFieldLabels('El campo rut no tiene un RUT válido.', 'es', {})).toBe(
      'El campo «RUT» no tiene un RUT válido.',
    );
    expect(withFieldLabels('El campo zqxOdd es obligatorio. Revise el campo zqxOdd.', 'es', {})).toBe(
      'Este campo es obligatorio. Revise este campo.',
    );
    expect(withFieldLabels('The field zqxOdd is required.', 'en', {})).toBe('This field is required.');
    // the API's aside after the name says what the label says: it is not said twice
    expect(withFieldLabels('El campo businessName (nombre del negocio) no admite el carácter 😀.', 'es', labels)).toBe(
      'El campo «Nombre del negocio» no admite el carácter 😀.',
    );
    expect(withFieldLabels('El campo zqxOdd (un dato) es obligatorio.', 'es', {})).toBe(
      'Este campo (un dato) es obligatorio.',
    );
  });

  it("a refusal on a page names the field by the form's label (es and en); the exception keeps the API's name", () => {
    const refusal = new ValidationFailedException([
      ModuleException.fieldError('businessName', {
        es: 'El campo businessName es obligatorio.',
        en: 'The field businessName is required.',
      }),
      ModuleException.fieldError('agreements.1.votesFor', {
        es: 'El campo agreements.1.votesFor debe ser un número entero.',
        en: 'The field agreements.1.votesFor must be a whole number.',
      }),
    ]);
    const es = pageMessages(refusal, 'es', 'associations/member-new').messages.map((e) => e.message);
    expect(es).toEqual([
      'El campo «Nombre del negocio» es obligatorio.',
      'El campo «Acuerdo 2 · A favor» debe ser un número entero.',
    ]);
    const en = pageMessages(refusal, 'en', 'associations/member-new').messages.map((e) => e.message);
    expect(en).toEqual([
      'The field “Business name” is required.',
      'The field “Agreement 2 · For” must be a whole number.',
    ]);
    // formRefusal (no view: every template's labels) says the same
    const res = { locals: { locale: 'es' } } as unknown as Response;
    expect(formRefusal(refusal, res).errors['agreements.1.votesFor']).toBe(
      'El campo «Acuerdo 2 · A favor» debe ser un número entero.',
    );
    expect(refusal.errors[0].message).toBe('El campo businessName es obligatorio.');
  });

  it('every field a page form shows with a label of its own is found, and every label key exists in es and en', () => {
    const all = labelsOfAllViews();
    expect(translate('es', all.get('fullName')!)).toBe('Nombre completo');
    expect(all.get('agreements.*.votesFor')).toBe('minutes.votesFor');
    for (const key of all.values()) {
      expect([key, hasTranslation('es', key), hasTranslation('en', key)]).toEqual([key, true, true]);
    }
  });
});
