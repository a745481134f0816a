import { refusal as refusalWithTexts } from '../../support/form-refusal';
import { validateBody } from '../../../src/common/validation.pipe';
import {
  ApproveFormDto,
  attendanceFromForm,
  AttendanceMarkFormDto,
  CommitmentProgressFormDto,
  MinutesFormDto,
  seriesBodyFromForm,
  SeriesFormDto,
} from '../../../src/meetings/dto/meeting-forms.dto';
import { formFieldOf, minutesInputFromForm, postedMinutesForm } from '../../../src/meetings/minutes.form';

/**
 * The field errors in Spanish as the page shows them by default (issue 16 item 6 adds each error's texts in both
 * languages beside its message; the Spanish pair is what these forms promise).
 */
const refusal = async (type: new () => object, body: unknown) =>
  (await refusalWithTexts(type, body)).map(({ field, message }) => ({ field, message }));

describe('the meetings page forms (issue 16 item 7)', () => {
  describe('the acta editor (MinutesFormDto)', () => {
    it('a wrong type deep in a row is refused naming the row and the field, in Spanish', async () => {
      const errors = await refusal(MinutesFormDto, {
        version: '0',
        agreements: [{ text: '' }, { text: 'Pedir rondas', votesFor: 'muchos' }],
        commitments: [{ description: 'Carta', owner: 'person', ownerText: 'Ana', dueOn: 'el lunes' }],
      });
      expect(errors).toEqual([
        { field: 'agreements.1.votesFor', message: 'El campo agreements.1.votesFor debe ser un número entero.' },
        {
          field: 'commitments.0.dueOn',
          message: 'El campo commitments.0.dueOn debe ser una fecha válida (dd-mm-aaaa).',
        },
      ]);
      expect(errors.map((e) => formFieldOf(e.field))).toEqual(['agreements[1][votesFor]', 'commitments[0][dueOn]']);
    });

    it('a body that is not the form (a plain value, a row that is not a set of fields, a key that is not a position, no version) is refused in Spanish', async () => {
      const notTheForm = (field: string) => `El campo ${field} no tiene la forma del formulario: recargue la página.`;
      expect(await refusal(MinutesFormDto, { version: '0', agreements: 'x' })).toEqual([
        { field: 'agreements', message: notTheForm('agreements') },
      ]);
      expect(await refusal(MinutesFormDto, { version: '0', items: ['y'] })).toEqual([
        { field: 'items.0', message: notTheForm('items') },
      ]);
      expect(await refusal(MinutesFormDto, { version: '0', commitments: { abc: { description: 'z' } } })).toEqual([
        { field: 'commitments', message: notTheForm('commitments') },
      ]);
      expect(await refusal(MinutesFormDto, { version: '0', items: [{ title: ['a', 'b'] }] })).toEqual([
        { field: 'items.0.title', message: 'El campo items.0.title debe ser un texto.' },
      ]);
      expect(await refusal(MinutesFormDto, { items: [{ title: 'Varios' }] })).toEqual([
        { field: 'version', message: 'Falta la versión del acta que se editó: recargue la página.' },
      ]);
      const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [String(i), { minutesId: '', text: '' }]));
      expect(await refusal(MinutesFormDto, { version: '0', amendments: many })).toEqual([
        { field: 'amendments', message: 'El campo amendments admite como máximo 20 filas.' },
      ]);
    });

    it('text no PDF prints is refused with the shared text rule, naming the field', async () => {
      const [error] = await refusal(MinutesFormDto, { version: '0', items: [{ title: 'Varios 👍' }] });
      expect(error.field).toBe('items.0.title');
      expect(error.message).toContain('título del punto');
      expect(error.message).toContain('no pueden imprimir: 👍');
    });

    it('rows past the array limit (an object keyed by position) come in position order; blank rows are not saved; an engine field maps back to its row', async () => {
      const dto = await validateBody(MinutesFormDto, {
        version: '3',
        items: { '0': { title: 'Seguridad', notes: 'Rondas' }, '21': { title: 'Varios' }, '2': { title: '' } },
        agreements: [
          { text: '', votesFor: '', votesAgainst: '', abstentions: '' },
          { text: 'Pedir rondas', votesFor: ' 4 ', votesAgainst: '0', abstentions: '-1', majority: '' },
        ],
        commitments: [
          { description: 'Carta', owner: 'member:m1', dueOn: '2026-04-30' },
          { description: 'Rondas', owner: 'institution', ownerText: 'Carabineros', dueOn: '30-04-2026' },
          { description: '', owner: '', ownerText: '', dueOn: '' },
        ],
      });
      const { input, fieldOf } = minutesInputFromForm(dto);
      expect(input).toEqual({
        version: 3,
        items: [
          { agendaItemId: null, title: 'Seguridad', notes: 'Rondas' },
          { agendaItemId: null, title: 'Varios', notes: '' },
        ],
        agreements: [
          { text: 'Pedir rondas', votesFor: ' 4 ', votesAgainst: '0', abstentions: '-1', majority: undefined },
        ],
        commitments: [
          { description: 'Carta', ownerMemberId: 'm1', dueOn: '2026-04-30' },
          { description: 'Rondas', ownerInstitutionName: 'Carabineros', dueOn: '30-04-2026' },
        ],
        amendments: [],
      });
      expect(fieldOf('agreements[0].abstentions')).toBe('agreements[1][abstentions]');
      expect(fieldOf('items[1].title')).toBe('items[2][title]');
      expect(fieldOf('commitments[1].ownerInstitutionName')).toBe('commitments[1][ownerText]');
      expect(fieldOf('agreements.1.votesFor')).toBe('agreements[1][votesFor]');
    });

    it('the form is shown again as posted (strings as typed, rows in position order)', () => {
      const form = postedMinutesForm({
        version: '2',
        agreements: { '1': { text: 'B', votesFor: '04' }, '0': { text: 'A' } },
        commitments: ['x', { description: 'C', dueOn: 'mañana' }],
      });
      expect(form.version).toBe('2');
      expect(form.agreements.map((a) => [a.index, a.text, a.votesFor])).toEqual([
        [0, 'A', ''],
        [1, 'B', '04'],
      ]);
      expect(form.commitments.map((c) => [c.index, c.description, c.dueOn])).toEqual([[0, 'C', 'mañana']]);
      expect(postedMinutesForm(undefined)).toEqual({
        version: '',
        items: [],
        agreements: [],
        commitments: [],
        amendments: [],
      });
    });
  });

  it('an attendance mark outside the four the page offers, or none, is refused naming mark; online is present, online', async () => {
    expect(await refusal(AttendanceMarkFormDto, { memberId: 'm1', mark: 'tarde' })).toEqual([
      {
        field: 'mark',
        message: 'El campo mark debe ser una de las marcas de la lista: presente, en línea, justificado o ausente.',
      },
    ]);
    expect(await refusal(AttendanceMarkFormDto, { memberId: 'm1' })).toEqual([
      {
        field: 'mark',
        message: 'El campo mark debe ser una de las marcas de la lista: presente, en línea, justificado o ausente.',
      },
    ]);
    expect(attendanceFromForm(await validateBody(AttendanceMarkFormDto, { memberId: 'm1', mark: 'online' }))).toEqual({
      memberId: 'm1',
      status: 'present',
      mode: 'online',
      arrivedAt: undefined,
      leftAt: undefined,
    });
    expect(
      attendanceFromForm(
        await validateBody(AttendanceMarkFormDto, { memberId: 'm1', mark: 'excused', arrivedAt: '11:20', leftAt: '' }),
      ),
    ).toEqual({ memberId: 'm1', status: 'excused', mode: 'in_person', arrivedAt: '11:20', leftAt: '' });
  });

  it('the progress form: fields as typed reach the service (its messages are unchanged); a list where a text goes is refused', async () => {
    expect(
      await validateBody(CommitmentProgressFormDto, { status: 'in_progress', progress: '40', note: '' }),
    ).toMatchObject({ status: 'in_progress', progress: '40', note: '' });
    expect(await refusal(CommitmentProgressFormDto, { progress: ['40', '50'], note: 'x' })).toEqual([
      { field: 'progress', message: 'El campo progress debe ser un texto.' },
    ]);
  });

  it('the approval needs the version the page showed', async () => {
    expect(await refusal(ApproveFormDto, {})).toEqual([
      { field: 'version', message: 'Falta la versión del acta que se aprueba: recargue la página.' },
    ]);
    expect(await refusal(ApproveFormDto, { version: '1e3' })).toHaveLength(1);
  });

  it('the series form: a cadence from the list becomes every or rrule; until replaces count', async () => {
    const dto = await validateBody(SeriesFormDto, {
      localStart: '2026-04-07T19:00',
      cadence: 'firstThirdTuesday',
      count: '4',
      until: '',
      place: 'Balmaceda 455',
    });
    expect(seriesBodyFromForm(dto)).toEqual({
      localStart: '2026-04-07T19:00',
      place: 'Balmaceda 455',
      rrule: 'FREQ=MONTHLY;BYDAY=1TU,3TU',
      count: '4',
    });
    expect(
      seriesBodyFromForm(
        await validateBody(SeriesFormDto, { localStart: 'x', cadence: 'weekly', until: '2026-12-01', place: 'p' }),
      ),
    ).toEqual({ localStart: 'x', place: 'p', every: '1 week', until: '2026-12-01' });
  });
});
