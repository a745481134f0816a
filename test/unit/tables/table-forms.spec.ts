import { refusal } from '../../support/form-refusal';
import { validateBody } from '../../../src/common/validation.pipe';
import {
  actaInputFromForm,
  ApproveFormDto,
  approvedVersionFromForm,
  AttendanceFormDto,
  AxisFormDto,
  MinutesFormDto,
  ProgressFormDto,
  tableInputFromForm,
  TableFormDto,
} from '../../../src/tables/dto/table-forms.dto';
import { ParticipantDto } from '../../../src/tables/dto/tables.dto';

/** The tables' page forms as a browser posts them (issue 16 item 7, issue 22 item 7). */
describe('table page forms', () => {
  it('the new table form: the ticked box is the council, the scope is the commune, an empty description is none', async () => {
    const dto = await validateBody(TableFormDto, {
      _csrf: 'x',
      kind: 'security',
      name: 'Consejo comunal',
      scopeCode: '04101',
      securityCouncil: 'on',
      description: '',
    });
    expect(tableInputFromForm(dto)).toEqual({
      kind: 'security',
      name: 'Consejo comunal',
      scopeLevel: 'commune',
      scopeCode: '04101',
      securityCouncil: true,
      description: undefined,
    });
    const unticked = await validateBody(TableFormDto, { kind: 'other', name: 'Mesa', scopeCode: '04101' });
    expect(tableInputFromForm(unticked).securityCouncil).toBe(false);
    // an empty name reaches the service, whose message the page has always shown
    expect(await refusal(TableFormDto, { kind: 'security', name: '', scopeCode: '04101' })).toEqual([]);
    expect((await refusal(TableFormDto, { kind: 'security', name: '@SUM(A1)', scopeCode: '04101' }))[0]).toEqual({
      field: 'name',
      message:
        'El campo name empieza con "@" y parece una fórmula de planilla: quítela o escriba el texto sin ese signo.',
      // the same refusal for an English reader (issue 16 item 6)
      text: {
        es: 'El campo name empieza con "@" y parece una fórmula de planilla: quítela o escriba el texto sin ese signo.',
        en: 'The field name starts with "@" and looks like a spreadsheet formula: remove it or write the text without that sign.',
      },
    });
    expect(
      await refusal(TableFormDto, { kind: 'security', name: 'Mesa', scopeCode: '04101', scopeLevel: 'region' }),
    ).toEqual([expect.objectContaining({ field: 'scopeLevel' })]);
  });

  it("a representative's name follows the person-name rule; an institution's, the spreadsheet rule", async () => {
    expect(
      await refusal(ParticipantDto, { institutionId: '', name: 'Sargento Ana O’Higgins-Rojas', role: '' }),
    ).toEqual([]);
    expect(await refusal(ParticipantDto, { name: 'Ana ★ Rojas' })).toEqual([
      expect.objectContaining({ field: 'name', message: expect.stringContaining('no admite el carácter ★') }),
    ]);
    expect(await refusal(ParticipantDto, { name: 'Ana Rojas', institutionName: '+Carabineros' })).toEqual([
      expect.objectContaining({ field: 'institutionName', message: expect.stringContaining('parece una fórmula') }),
    ]);
    // a phone may start with +
    expect(await refusal(ParticipantDto, { name: 'Ana Rojas', phone: '+56 9 1234 5678' })).toEqual([]);
  });

  it('an axis with one member ticked gets a list of one; none ticked, an empty list', async () => {
    const id = '0b0f6e4e-2f55-4c55-9d0b-6f1f2b9a1c11';
    expect(await validateBody(AxisFormDto, { name: 'Patrullajes', participantIds: id })).toMatchObject({
      name: 'Patrullajes',
      participantIds: [id],
    });
    expect(await validateBody(AxisFormDto, { name: 'Patrullajes', participantIds: [id, id] })).toMatchObject({
      participantIds: [id, id],
    });
    expect((await validateBody(AxisFormDto, { name: 'Patrullajes' })).participantIds).toEqual([]);
  });

  it('attendance rows arrive as a list or, past 20 rows, as an object keyed by index', async () => {
    const row = { participantId: 'p', status: 'present', mode: 'online' };
    expect((await validateBody(AttendanceFormDto, { attendance: [row] })).attendance).toEqual([row]);
    expect((await validateBody(AttendanceFormDto, { attendance: { 21: row, 22: row } })).attendance).toHaveLength(2);
    expect((await validateBody(AttendanceFormDto, {})).attendance).toEqual([]);
    expect(await refusal(AttendanceFormDto, { attendance: [{ ...row, status: ['present'] }] })).toEqual([
      expect.objectContaining({ field: 'attendance.0.status' }),
    ]);
  });

  it('the acta editor: blank agreement rows and cleared commitment rows are left out, owners are split by kind', async () => {
    const dto = await validateBody(MinutesFormDto, {
      version: '2',
      items: [{ title: 'Varios', agendaItemId: '', notes: 'Sin novedad' }],
      agreements: [{ text: 'Pedir rondas' }, { text: '  ' }],
      commitments: [
        { id: '', description: 'Rondas', owner: 'institution:i1', axisId: 'a1', dueOn: '2026-04-01' },
        { id: 'c2', description: 'Informe', owner: 'participant:p1', axisId: '', dueOn: '2026-04-02' },
        { id: 'c3', description: '', owner: '', axisId: '', dueOn: '' },
        { id: '', description: '', owner: '', axisId: '', dueOn: '' },
      ],
    });
    expect(actaInputFromForm(dto)).toEqual({
      version: '2',
      items: [{ agendaItemId: null, title: 'Varios', notes: 'Sin novedad' }],
      agreements: [{ text: 'Pedir rondas' }],
      commitments: [
        { description: 'Rondas', ownerInstitutionId: 'i1', axisId: 'a1', dueOn: '2026-04-01' },
        { id: 'c2', description: 'Informe', ownerParticipantId: 'p1', axisId: undefined, dueOn: '2026-04-02' },
      ],
    });
    expect(actaInputFromForm(await validateBody(MinutesFormDto, {}))).toEqual({
      version: '',
      items: [],
      agreements: [],
      commitments: [],
    });
  });

  it('the approval version: a positive integer, anything else none; a progress update keeps empty fields empty', async () => {
    expect(approvedVersionFromForm(await validateBody(ApproveFormDto, { version: '3' }))).toBe(3);
    expect(approvedVersionFromForm(await validateBody(ApproveFormDto, { version: 'x' }))).toBeUndefined();
    expect(approvedVersionFromForm(await validateBody(ApproveFormDto, {}))).toBeUndefined();
    expect({ ...(await validateBody(ProgressFormDto, { status: 'done', note: 'Listo' })) }).toEqual({
      status: 'done',
      progress: '',
      note: 'Listo',
    });
    expect(await refusal(ProgressFormDto, { note: 'Listo 👍' })).toEqual([
      expect.objectContaining({ field: 'note', message: expect.stringContaining('👍') }),
    ]);
  });
});
