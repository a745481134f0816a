import type { AssociationsService } from '../../../src/associations/associations.service';
import {
  assertConstitutionStatus,
  instantOf,
  pastDate,
  requiredText,
  seesFounderIdentities,
} from '../../../src/associations/constitution-steps';
import type { Association } from '../../../src/associations/entities/association.entity';
import type { Constitution } from '../../../src/associations/entities/constitution.entity';
import type { Actor } from '../../../src/common/access/actor';
import type { MunicipalityContext } from '../../../src/territory/territory.service';
import { defaultSettingsFor } from '../../../src/territory/municipality-settings';

/** What the constitution's services share (issue 16 item 8): the same refusals with their fields and Spanish texts. */
const laSerena: MunicipalityContext = {
  communeCode: '04101',
  communeName: 'La Serena',
  population: 221_054,
  country: 'CL',
  timeZone: 'America/Santiago',
  settings: defaultSettingsFor('CL'),
};
const associations = { today: () => '2026-04-15' } as unknown as AssociationsService;
const association = (over: Partial<Association>) =>
  ({ kind: 'functional_organization', communeCode: '04101', status: 'in_formation', ...over }) as Association;
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    const e = err as { code: string; errors: { field: string; message: string }[]; detail: string };
    return { code: e.code, fields: e.errors.map((x) => x.field), detail: e.detail };
  }
  throw new Error('not refused');
};

describe('constitution steps', () => {
  it('a stage applies only to its statuses, never to a trade association or a Peruvian organisation', () => {
    expect(() => assertConstitutionStatus(association({}), ['in_formation'])).not.toThrow();
    expect(
      refusal(() => assertConstitutionStatus(association({ status: 'in_force' }), ['in_formation'])),
    ).toMatchObject({
      code: 'CONSTITUTION_STATUS',
    });
    expect(
      refusal(() => assertConstitutionStatus(association({ kind: 'trade_association' }), ['in_formation'])),
    ).toMatchObject({ code: 'CONSTITUTION_NOT_APPLICABLE' });
    expect(
      refusal(() => assertConstitutionStatus(association({ communeCode: 'PE-130102' }), ['in_formation'])),
    ).toMatchObject({ code: 'CONSTITUTION_NOT_APPLICABLE' });
  });

  it('an instant is local to the commune or an ISO instant with its offset; anything else names its field', () => {
    expect(instantOf('2026-03-16T19:30', laSerena, 'assemblyAt').toISOString()).toBe('2026-03-16T22:30:00.000Z');
    expect(instantOf('2026-03-16T22:30:00Z', laSerena, 'assemblyAt').toISOString()).toBe('2026-03-16T22:30:00.000Z');
    expect(refusal(() => instantOf('el martes', laSerena, 'proposedAt'))).toMatchObject({ fields: ['proposedAt'] });
  });

  it('a past date and a required text are refused naming their field', () => {
    expect(pastDate('15-04-2026', 'depositedOn', laSerena, associations)).toBe('2026-04-15');
    expect(refusal(() => pastDate('2026-04-16', 'depositedOn', laSerena, associations))).toMatchObject({
      fields: ['depositedOn'],
    });
    expect(refusal(() => pastDate('ayer', 'objectedOn', laSerena, associations))).toMatchObject({
      fields: ['objectedOn'],
    });
    expect(requiredText('  Sede  ', 'place', 300)).toBe('Sede');
    expect(refusal(() => requiredText(' ', 'place', 300))).toMatchObject({ fields: ['place'] });
    expect(refusal(() => requiredText('x'.repeat(301), 'place', 300))).toMatchObject({ fields: ['place'] });
  });

  it("the founders' identity numbers: those who see them on the roster, and the assigned faith minister", () => {
    const minister = { id: 'm' } as Actor;
    const c = { faithMinisterUserId: 'm' } as Constitution;
    expect(seesFounderIdentities({ seeIdentity: false }, c, minister)).toBe(true);
    expect(seesFounderIdentities({ seeIdentity: false }, c, { id: 'x' } as Actor)).toBe(false);
    expect(seesFounderIdentities({ seeIdentity: true }, null, { id: 'x' } as Actor)).toBe(true);
  });
});
