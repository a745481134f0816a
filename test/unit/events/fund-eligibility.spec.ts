import {
  type AssociationFacts,
  type BeneficiaryFacts,
  type CallFacts,
  elapsed,
  matchCall,
} from '../../../src/events/funds/fund-eligibility';

const TODAY = '2026-12-06';

function call(requirements: CallFacts['requirements'], over: Partial<CallFacts> = {}): CallFacts {
  return {
    scope: 'national',
    regionCodes: [],
    communeCodes: [],
    targetApplicant: 'organizations',
    associationKinds: [],
    requirements,
    ...over,
  };
}

function association(over: Partial<AssociationFacts> = {}): AssociationFacts {
  return {
    type: 'association',
    kind: 'functional_organization',
    kindLabel: 'Organización comunitaria funcional',
    communeCode: '04101',
    communeName: 'La Serena',
    regionCode: '04',
    status: 'in_force',
    statusLabel: 'Vigente',
    statusSince: '2024-12-06',
    constitutedOn: '2024-12-06',
    boardEndsOn: '2027-03-12',
    rut: '65123456-5',
    publicFundsRegistry: { value: true, on: '2025-05-02' },
    awards: [],
    ...over,
  };
}

function beneficiary(over: Partial<BeneficiaryFacts> = {}): BeneficiaryFacts {
  return {
    type: 'beneficiary',
    communeCode: '04101',
    communeName: 'La Serena',
    regionCode: '04',
    birthDate: '1990-04-10',
    ownerSex: 'female',
    noActivityStart: { value: true, on: '2026-11-02' },
    publicFundsRegistry: null,
    awards: [],
    ...over,
  };
}

function only(result: ReturnType<typeof matchCall>, requirement: string) {
  const found = result.reasons.filter((r) => r.requirement === requirement);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('fund eligibility (DOM-FND-2), each requirement at its boundary', () => {
  describe('minimum age of the organisation', () => {
    it('exactly 2 years old today is eligible; the reason names the age and the date', () => {
      const r = matchCall(call({ minOrganizationAgeYears: 2 }), association({ constitutedOn: '2024-12-06' }), TODAY);
      expect(r.eligibility).toBe('eligible');
      expect(only(r, 'minOrganizationAgeYears')).toMatchObject({
        met: true,
        detail: 'Constituida hace 2 años; se exigen 2 años. Fecha de constitución: 06-12-2024',
      });
    });

    it('one day less than 2 years is not eligible, and says when it will be', () => {
      const r = matchCall(call({ minOrganizationAgeYears: 2 }), association({ constitutedOn: '2024-12-07' }), TODAY);
      expect(r.eligibility).toBe('not_eligible');
      const reason = only(r, 'minOrganizationAgeYears');
      expect(reason.met).toBe(false);
      expect(reason.detail).toBe(
        'Constituida hace 1 año y 11 meses; se exigen 2 años. Fecha de constitución: 07-12-2024; cumple el 07-12-2026',
      );
    });

    it('writes years and months with correct plurals', () => {
      expect(elapsed('2025-08-06', TODAY).es).toBe('1 año y 4 meses');
      expect(elapsed('2026-11-06', TODAY).es).toBe('1 mes');
      expect(elapsed('2023-11-06', TODAY).es).toBe('3 años y 1 mes');
      expect(elapsed('2026-11-20', TODAY).es).toBe('16 días');
      expect(elapsed('2026-12-05', TODAY).es).toBe('1 día');
      expect(elapsed('2025-08-06', TODAY).en).toBe('1 year and 4 months');
    });

    it('a missing constitution date is unknown, not a failure', () => {
      const r = matchCall(call({ minOrganizationAgeYears: 2 }), association({ constitutedOn: null }), TODAY);
      expect(r.eligibility).toBe('unknown');
      expect(only(r, 'minOrganizationAgeYears')).toMatchObject({
        met: null,
        detail: 'Sin fecha de constitución registrada; se exigen 2 años de antigüedad',
      });
    });
  });

  describe('board in force', () => {
    it('a board whose term ends today is in force today', () => {
      const r = matchCall(call({ boardInForce: true }), association({ boardEndsOn: TODAY }), TODAY);
      expect(r.eligibility).toBe('eligible');
      expect(only(r, 'boardInForce')).toMatchObject({ met: true, detail: 'Directorio vigente hasta el 06-12-2026' });
    });

    it('a board that expired yesterday fails, naming the date', () => {
      const r = matchCall(call({ boardInForce: true }), association({ boardEndsOn: '2026-12-05' }), TODAY);
      expect(r.eligibility).toBe('not_eligible');
      expect(only(r, 'boardInForce')).toMatchObject({ met: false, detail: 'Directorio vencido el 05-12-2026' });
    });

    it('no board at all is unknown', () => {
      const r = matchCall(call({ boardInForce: true }), association({ boardEndsOn: null }), TODAY);
      expect(r.eligibility).toBe('unknown');
      expect(only(r, 'boardInForce')).toMatchObject({ met: null, detail: 'Sin directorio registrado' });
    });
  });

  describe('legal personality', () => {
    it('in force, constituted and with an expired board keep their legal personality', () => {
      for (const status of ['in_force', 'constituted', 'board_expired']) {
        const r = matchCall(call({ legalPersonalityInForce: true }), association({ status }), TODAY);
        expect(only(r, 'legalPersonalityInForce').met).toBe(true);
      }
      const r = matchCall(call({ legalPersonalityInForce: true }), association(), TODAY);
      expect(only(r, 'legalPersonalityInForce').detail).toBe(
        'Personalidad jurídica vigente (estado «Vigente» desde el 06-12-2024)',
      );
    });

    it('in formation or dissolved has none', () => {
      const r = matchCall(
        call({ legalPersonalityInForce: true }),
        association({ status: 'dissolved', statusLabel: 'Disuelta', statusSince: '2026-10-01' }),
        TODAY,
      );
      expect(r.eligibility).toBe('not_eligible');
      expect(only(r, 'legalPersonalityInForce').detail).toBe(
        'Sin personalidad jurídica vigente: estado «Disuelta» desde el 01-10-2026',
      );
    });
  });

  describe('no pending expense report (DOM-FND-4)', () => {
    const award = { fundName: 'Fondo X', dueOn: '2026-06-30', submittedOn: null };

    it('an award whose report was due yesterday and is not submitted fails', () => {
      const r = matchCall(
        call({ noPendingExpenseReport: true }),
        association({ awards: [{ ...award, dueOn: '2026-12-05' }] }),
        TODAY,
      );
      expect(r.eligibility).toBe('not_eligible');
      expect(only(r, 'noPendingExpenseReport')).toMatchObject({
        met: false,
        detail: 'Rendición pendiente del Fondo X: vencía el 05-12-2026',
      });
    });

    it('a report due today is still in time', () => {
      const r = matchCall(
        call({ noPendingExpenseReport: true }),
        association({ awards: [{ ...award, dueOn: TODAY }] }),
        TODAY,
      );
      expect(r.eligibility).toBe('eligible');
      expect(only(r, 'noPendingExpenseReport').detail).toBe(
        'Sin rendiciones vencidas; la del Fondo X vence el 06-12-2026',
      );
    });

    it('a submitted report clears it', () => {
      const r = matchCall(
        call({ noPendingExpenseReport: true }),
        association({ awards: [{ ...award, submittedOn: '2026-12-01' }] }),
        TODAY,
      );
      expect(only(r, 'noPendingExpenseReport')).toMatchObject({
        met: true,
        detail: 'Sin rendiciones pendientes vencidas',
      });
    });
  });

  describe('organisation RUT and the public funds registry', () => {
    it('a missing RUT is unknown and says so', () => {
      const r = matchCall(call({ organizationRut: true }), association({ rut: null }), TODAY);
      expect(r.eligibility).toBe('unknown');
      expect(only(r, 'organizationRut')).toMatchObject({ met: null, detail: 'Sin RUT de la organización registrado' });
    });

    it('a recorded RUT is shown formatted', () => {
      const r = matchCall(call({ organizationRut: true }), association(), TODAY);
      expect(only(r, 'organizationRut')).toMatchObject({
        met: true,
        detail: 'RUT de la organización registrado: 65.123.456-5',
      });
    });

    it('the registry: declared with its date, declared not registered, or not declared', () => {
      const req = call({ publicFundsRegistry: true });
      expect(only(matchCall(req, association(), TODAY), 'publicFundsRegistry').detail).toBe(
        'Inscrita en el Registro de Receptores de Fondos Públicos (Ley 19.862) el 02-05-2025, según declaración',
      );
      const no = matchCall(req, association({ publicFundsRegistry: { value: false, on: '2026-11-30' } }), TODAY);
      expect(no.eligibility).toBe('not_eligible');
      expect(matchCall(req, association({ publicFundsRegistry: null }), TODAY).eligibility).toBe('unknown');
    });
  });

  describe('applicant kind and territory', () => {
    it('a person for an organisations call is not eligible', () => {
      const r = matchCall(call({}), beneficiary(), TODAY);
      expect(r.eligibility).toBe('not_eligible');
      expect(only(r, 'applicant').detail).toBe('El fondo es para organizaciones, no para personas');
    });

    it('a neighbourhood council for a trade-associations-only call is not eligible', () => {
      const r = matchCall(
        call({}, { associationKinds: ['trade_association'] }),
        association({ kind: 'neighbourhood_council', kindLabel: 'Junta de vecinos' }),
        TODAY,
        { trade_association: 'Asociación gremial' },
      );
      expect(r.eligibility).toBe('not_eligible');
      expect(only(r, 'applicant').detail).toBe(
        'El fondo admite solo Asociación gremial; la organización es junta de vecinos',
      );
    });

    it('a regional call of another region, or a communal one of another commune, is not eligible', () => {
      expect(matchCall(call({}, { scope: 'regional', regionCodes: ['13'] }), association(), TODAY).eligibility).toBe(
        'not_eligible',
      );
      const r = matchCall(call({}, { scope: 'communal', communeCodes: ['13501'] }), association(), TODAY);
      expect(only(r, 'territory').detail).toBe('La comuna La Serena está fuera del territorio del fondo');
      expect(
        matchCall(call({}, { scope: 'communal', communeCodes: ['04101'] }), association(), TODAY).eligibility,
      ).toBe('eligible');
    });

    it('free-text requirements are a checklist that does not make the answer unknown', () => {
      const r = matchCall(
        call({ boardInForce: true, other: ['Carta de apoyo de la junta de vecinos'] }),
        association(),
        TODAY,
      );
      expect(r.eligibility).toBe('eligible');
      expect(only(r, 'other')).toMatchObject({ met: null, detail: 'Revisar: Carta de apoyo de la junta de vecinos' });
    });
  });

  describe('persons and businesses', () => {
    const semilla = call({ minAgeYears: 18, noActivityStart: true }, { targetApplicant: 'persons' });

    it('exactly 18 today is eligible; one day short is not', () => {
      const r = matchCall(semilla, beneficiary({ birthDate: '2008-12-06' }), TODAY);
      expect(r.eligibility).toBe('eligible');
      expect(only(r, 'minAgeYears').detail).toBe('Tiene 18 años (nació el 06-12-2008); se exigen 18 años');
      const young = matchCall(semilla, beneficiary({ birthDate: '2008-12-07' }), TODAY);
      expect(young.eligibility).toBe('not_eligible');
      expect(only(young, 'minAgeYears').detail).toBe(
        'Tiene 17 años (nació el 07-12-2008); se exigen 18 años: los cumple el 07-12-2026',
      );
    });

    it('no birth date is unknown', () => {
      expect(matchCall(semilla, beneficiary({ birthDate: null }), TODAY).eligibility).toBe('unknown');
    });

    it('no activity start: declared with its date, declared otherwise, or missing', () => {
      expect(only(matchCall(semilla, beneficiary(), TODAY), 'noActivityStart').detail).toBe(
        'Declaró no tener inicio de actividades ante el SII el 02-11-2026',
      );
      expect(
        matchCall(semilla, beneficiary({ noActivityStart: { value: false, on: '2026-10-01' } }), TODAY).eligibility,
      ).toBe('not_eligible');
      expect(matchCall(semilla, beneficiary({ noActivityStart: null }), TODAY).eligibility).toBe('unknown');
    });

    it("owner's sex: a women's fund (Capital Abeja)", () => {
      const abeja = call({ ownerSex: 'female', minAgeYears: 18 }, { targetApplicant: 'businesses' });
      expect(matchCall(abeja, beneficiary(), TODAY).eligibility).toBe('eligible');
      const man = matchCall(abeja, beneficiary({ ownerSex: 'male' }), TODAY);
      expect(man.eligibility).toBe('not_eligible');
      expect(only(man, 'ownerSex').detail).toBe('El fondo es para titulares mujeres; titular registrado como hombre');
      expect(matchCall(abeja, beneficiary({ ownerSex: 'undisclosed' }), TODAY).eligibility).toBe('unknown');
    });

    it('an organisation for a persons call is not eligible', () => {
      expect(only(matchCall(semilla, association(), TODAY), 'applicant').met).toBe(false);
    });
  });

  it('one failing requirement outweighs a missing one', () => {
    const r = matchCall(
      call({ boardInForce: true, organizationRut: true }),
      association({ rut: null, boardEndsOn: '2026-01-01' }),
      TODAY,
    );
    expect(r.eligibility).toBe('not_eligible');
  });
});
