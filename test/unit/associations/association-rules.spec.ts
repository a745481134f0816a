import fc from 'fast-check';
import {
  ASSOCIATION_KINDS,
  ASSOCIATION_STATUSES,
  type AssociationKind,
  type AssociationStatus,
  checkMemberAge,
  foundersMinimum,
  memberMinimumAge,
  recognitionExpiry,
  warningsFor,
  type WarningInput,
} from '../../../src/associations/association-rules';
import { defaultSettingsFor } from '../../../src/territory/municipality-settings';

const CL = () => defaultSettingsFor('CL');
const PE = () => defaultSettingsFor('PE');
const POPULATIONS: (number | null)[] = [
  0,
  1,
  9_999,
  10_000,
  10_001,
  29_999,
  30_000,
  30_001,
  99_999,
  100_000,
  100_001,
  221_054,
  8_000_000,
  null,
];
/** DOM-ORG-3 as DOMAIN.md states it: up to 10,000 -> 50; up to 30,000 -> 100; up to 100,000 -> 150; above -> 200. */
const jjvvMinimum = (population: number | null) =>
  population === null
    ? 200
    : population <= 10_000
      ? 50
      : population <= 30_000
        ? 100
        : population <= 100_000
          ? 150
          : 200;
const OTHER_KINDS = ASSOCIATION_KINDS.filter((k) => k !== 'neighbourhood_council' && k !== 'functional_organization');

/** Days between two `yyyy-mm-dd` dates, independently of src/common/format/dates. */
const dayDiff = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('DOM-ORG-3 founders minimum', () => {
  it('DOM-ORG-3: a JJVV needs 50 / 100 / 150 / 200 founders by commune population (10,000 / 30,000 / 100,000 boundaries)', () => {
    for (const area of ['urban', 'rural'] as const) {
      for (const population of POPULATIONS) {
        expect([population, area, foundersMinimum('neighbourhood_council', area, population, CL())]).toEqual([
          population,
          area,
          jjvvMinimum(population),
        ]);
      }
    }
    expect(POPULATIONS.map((p) => foundersMinimum('neighbourhood_council', 'urban', p, CL()))).toEqual([
      50, 50, 50, 50, 100, 100, 100, 150, 150, 150, 200, 200, 200, 200,
    ]);
  });

  it('DOM-ORG-3: a JJVV with unknown population needs the largest band (200)', () => {
    expect(foundersMinimum('neighbourhood_council', 'rural', null, CL())).toBe(200);
  });

  it('DOM-ORG-3: a functional organisation needs 15 founders (urban) and 10 (rural), whatever the population', () => {
    for (const population of POPULATIONS) {
      expect(foundersMinimum('functional_organization', 'urban', population, CL())).toBe(15);
      expect(foundersMinimum('functional_organization', 'rural', population, CL())).toBe(10);
    }
  });

  it('DOM-ORG-3: every other kind uses the configured minimum for kinds without a legal one', () => {
    for (const kind of OTHER_KINDS) {
      for (const area of ['urban', 'rural'] as const) {
        for (const population of POPULATIONS)
          expect(foundersMinimum(kind, area, population, CL())).toBe(CL().foundersMinimum.other);
      }
    }
  });

  it('DOM-ORG-3: the minimum comes from the municipality settings (config), not from literals', () => {
    const s = CL();
    s.foundersMinimum.functionalOrganization = { urban: 25, rural: 7 };
    s.foundersMinimum.neighbourhoodCouncilByPopulation = [
      { upTo: 5_000, minimum: 30 },
      { upTo: null, minimum: 120 },
    ];
    s.foundersMinimum.other = 3;
    expect(foundersMinimum('functional_organization', 'urban', 50_000, s)).toBe(25);
    expect(foundersMinimum('functional_organization', 'rural', 50_000, s)).toBe(7);
    expect(foundersMinimum('neighbourhood_council', 'urban', 5_000, s)).toBe(30);
    expect(foundersMinimum('neighbourhood_council', 'urban', 5_001, s)).toBe(120);
    expect(foundersMinimum('neighbourhood_council', 'urban', null, s)).toBe(120);
    expect(foundersMinimum('trade_association', 'urban', 5_000, s)).toBe(3);
    expect(foundersMinimum('soup_kitchen', 'urban', 5_000, s)).toBe(3);
    // the defaults are a fresh copy each time: changing one municipality's settings changes no other
    expect(foundersMinimum('functional_organization', 'urban', 50_000, CL())).toBe(15);
  });

  it('DOM-ORG-3: for any population, the JJVV minimum is the first configured band that covers it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000_000 }),
        (population) => foundersMinimum('neighbourhood_council', 'urban', population, CL()) === jjvvMinimum(population),
      ),
      { numRuns: 2000 },
    );
  });
});

describe('DOM-ORG-4 member age', () => {
  it('DOM-ORG-4: JJVV members must be 14 on the joining date: refused the day before the birthday, accepted on it', () => {
    expect(checkMemberAge('neighbourhood_council', '2012-05-10', '2026-05-09', CL())).toEqual({
      ok: false,
      code: 'MEMBER_TOO_YOUNG',
      age: 13,
      minimum: 14,
    });
    expect(checkMemberAge('neighbourhood_council', '2012-05-10', '2026-05-10', CL())).toEqual({
      ok: true,
      needsGuardianConsent: true,
    });
    expect(checkMemberAge('neighbourhood_council', '2012-05-10', '2026-05-11', CL())).toEqual({
      ok: true,
      needsGuardianConsent: true,
    });
  });

  it('DOM-ORG-4: functional organisation members must be 15: refused at 14 the day before, accepted on the birthday', () => {
    expect(checkMemberAge('functional_organization', '2011-05-10', '2026-05-09', CL())).toEqual({
      ok: false,
      code: 'MEMBER_TOO_YOUNG',
      age: 14,
      minimum: 15,
    });
    expect(checkMemberAge('functional_organization', '2011-05-10', '2026-05-10', CL())).toEqual({
      ok: true,
      needsGuardianConsent: true,
    });
    // 14 is enough for a JJVV but not for a functional organisation
    expect(checkMemberAge('neighbourhood_council', '2011-05-10', '2026-05-09', CL()).ok).toBe(true);
  });

  it('DOM-ORG-4, DOM-DATA-3: members under 16 need a guardian consent; from the 16th birthday they do not', () => {
    expect(checkMemberAge('functional_organization', '2010-05-10', '2026-05-09', CL())).toEqual({
      ok: true,
      needsGuardianConsent: true,
    });
    expect(checkMemberAge('functional_organization', '2010-05-10', '2026-05-10', CL())).toEqual({
      ok: true,
      needsGuardianConsent: false,
    });
    expect(checkMemberAge('neighbourhood_council', '1950-01-01', '2026-05-10', CL())).toEqual({
      ok: true,
      needsGuardianConsent: false,
    });
  });

  it('DOM-ORG-4: a 29-02 birthday counts from 01-03 in a common year', () => {
    expect(checkMemberAge('neighbourhood_council', '2012-02-29', '2026-02-28', CL())).toMatchObject({
      ok: false,
      age: 13,
    });
    expect(checkMemberAge('neighbourhood_council', '2012-02-29', '2026-03-01', CL())).toEqual({
      ok: true,
      needsGuardianConsent: true,
    });
  });

  it('DOM-ORG-4: minimum ages are per kind and come from the settings (config)', () => {
    expect(ASSOCIATION_KINDS.map((k) => [k, memberMinimumAge(k, CL())])).toEqual(
      ASSOCIATION_KINDS.map((k) => [
        k,
        k === 'neighbourhood_council' ? 14 : k === 'functional_organization' ? 15 : CL().memberMinimumAge.other,
      ]),
    );
    const s = CL();
    s.memberMinimumAge = { neighbourhoodCouncil: 18, functionalOrganization: 16, other: 21 };
    s.guardianConsentUnder = 18;
    expect(checkMemberAge('neighbourhood_council', '2009-05-10', '2026-05-09', s)).toEqual({
      ok: false,
      code: 'MEMBER_TOO_YOUNG',
      age: 16,
      minimum: 18,
    });
    expect(checkMemberAge('functional_organization', '2010-05-10', '2026-05-10', s)).toEqual({
      ok: true,
      needsGuardianConsent: true,
    });
    expect(checkMemberAge('market', '2006-05-10', '2026-05-10', s)).toEqual({
      ok: false,
      code: 'MEMBER_TOO_YOUNG',
      age: 20,
      minimum: 21,
    });
  });

  it('DOM-ORG-4: for any birth and joining date, refused exactly below the minimum, consent exactly below 16', () => {
    const date = fc
      .integer({ min: Date.UTC(1930, 0, 1), max: Date.UTC(2030, 0, 1) })
      .map((ms) => new Date(ms).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.constantFrom<AssociationKind>(...ASSOCIATION_KINDS),
        date,
        fc.integer({ min: 0, max: 40 * 366 }),
        (kind, birth, days) => {
          const joined = shift(birth, days);
          const years =
            Number(joined.slice(0, 4)) - Number(birth.slice(0, 4)) - (joined.slice(5) < birth.slice(5) ? 1 : 0);
          const min = kind === 'neighbourhood_council' ? 14 : 15; // functional organisations and every other kind: 15
          const r = checkMemberAge(kind, birth, joined, CL());
          return years < min
            ? !r.ok && r.age === years && r.minimum === min
            : r.ok && r.needsGuardianConsent === years < 16;
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('association warnings', () => {
  const base: WarningInput = {
    kind: 'functional_organization',
    status: 'in_force',
    country: 'CL',
    membersActive: 14,
    foundersMinimum: 15,
    membersBelowMinimumSince: '2026-01-31',
    recognitionExpiresOn: null,
  };
  const WITH_LEGAL_PERSONALITY: AssociationStatus[] = ['in_force', 'objected', 'board_expired'];

  it('DOM-ORG-11: MEMBERS_BELOW_MINIMUM only for statuses with legal personality (in_force, objected, board_expired)', () => {
    for (const status of ASSOCIATION_STATUSES) {
      const codes = warningsFor({ ...base, status }, '2026-03-17').map((w) => w.code);
      expect([status, codes]).toEqual([
        status,
        WITH_LEGAL_PERSONALITY.includes(status) ? ['MEMBERS_BELOW_MINIMUM'] : [],
      ]);
    }
  });

  it('DOM-ORG-11: the warning is due 6 months after membership fell below the minimum (month-end clamped)', () => {
    expect(warningsFor(base, '2026-03-17')).toEqual([{ code: 'MEMBERS_BELOW_MINIMUM', dueOn: '2026-07-31' }]);
    expect(warningsFor({ ...base, membersBelowMinimumSince: '2025-08-31' }, '2026-01-10')).toEqual([
      { code: 'MEMBERS_BELOW_MINIMUM', dueOn: '2026-02-28' },
    ]);
    expect(warningsFor({ ...base, membersBelowMinimumSince: '2025-10-15' }, '2026-03-17')).toEqual([
      { code: 'MEMBERS_BELOW_MINIMUM', dueOn: '2026-04-15' },
    ]);
    // no recorded date yet: counted from today
    expect(warningsFor({ ...base, membersBelowMinimumSince: null }, '2026-03-17')).toEqual([
      { code: 'MEMBERS_BELOW_MINIMUM', dueOn: '2026-09-17' },
    ]);
  });

  it('DOM-ORG-11: no warning at or above the founding minimum', () => {
    expect(warningsFor({ ...base, membersActive: 15 }, '2026-03-17')).toEqual([]);
    expect(warningsFor({ ...base, membersActive: 200 }, '2026-03-17')).toEqual([]);
    expect(warningsFor({ ...base, membersActive: 0 }, '2026-03-17').map((w) => w.code)).toEqual([
      'MEMBERS_BELOW_MINIMUM',
    ]);
  });

  it('DOM-ORG-14: RECOGNITION_EXPIRING from 60 days before the recognition lapses, not at 61', () => {
    const pe: WarningInput = {
      ...base,
      kind: 'neighbourhood_security_board',
      country: 'PE',
      membersActive: 5,
      foundersMinimum: 1,
      membersBelowMinimumSince: null,
      recognitionExpiresOn: '2026-06-30',
    };
    expect(warningsFor(pe, '2026-04-30')).toEqual([]); // 61 days before
    expect(warningsFor(pe, '2026-05-01')).toEqual([{ code: 'RECOGNITION_EXPIRING', dueOn: '2026-06-30' }]); // 60 days before
    expect(warningsFor(pe, '2026-06-30')).toEqual([{ code: 'RECOGNITION_EXPIRING', dueOn: '2026-06-30' }]);
    expect(warningsFor(pe, '2026-08-01')).toEqual([{ code: 'RECOGNITION_EXPIRING', dueOn: '2026-06-30' }]); // lapsed, not renewed
    expect(warningsFor({ ...pe, status: 'dissolved' }, '2026-06-01')).toEqual([]);
    expect(warningsFor({ ...pe, recognitionExpiresOn: null }, '2026-06-01')).toEqual([]);
    // across a year end
    expect(warningsFor({ ...pe, recognitionExpiresOn: '2027-01-15' }, '2026-11-16')).toEqual([
      { code: 'RECOGNITION_EXPIRING', dueOn: '2027-01-15' },
    ]);
    expect(warningsFor({ ...pe, recognitionExpiresOn: '2027-01-15' }, '2026-11-15')).toEqual([]);
  });

  it('DOM-ORG-14: for any today and expiry, the warning shows exactly when 60 days or fewer remain', () => {
    const day = fc.integer({ min: 0, max: 3_000 }).map((n) => shift('2024-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: -200, max: 200 }), (today, offset) => {
        const expires = shift(today, offset);
        const input: WarningInput = { ...base, status: 'in_force', membersActive: 100, recognitionExpiresOn: expires };
        const shown = warningsFor(input, today).some((w) => w.code === 'RECOGNITION_EXPIRING' && w.dueOn === expires);
        return shown === dayDiff(today, expires) <= 60;
      }),
      { numRuns: 2000 },
    );
  });

  it('DOM-ORG-11, DOM-ORG-14: both warnings can show together', () => {
    const both = warningsFor({ ...base, recognitionExpiresOn: '2026-04-01' }, '2026-03-17');
    expect(both.map((w) => w.code).sort()).toEqual(['MEMBERS_BELOW_MINIMUM', 'RECOGNITION_EXPIRING']);
  });

  it('DOM-ORG-14: a recognition lasts 2 years in the Peru settings (config); Chile has none', () => {
    const board = 'neighbourhood_security_board';
    expect(recognitionExpiry('2026-03-17', PE(), board)).toBe('2028-03-17');
    expect(recognitionExpiry('2024-02-29', PE(), board)).toBe('2026-02-28');
    expect(recognitionExpiry('2026-03-17', CL(), board)).toBeNull();
    const s = PE();
    s.recognitionYears = 3;
    expect(recognitionExpiry('2026-03-17', s, board)).toBe('2029-03-17');
  });

  it("DOM-ORG-14 (PE-02): only a junta vecinal de seguridad ciudadana's recognition lapses; a market's, a comedor's or a vaso de leche committee's has no term", () => {
    for (const kind of ['market', 'soup_kitchen', 'milk_committee', 'common_pot', 'transport_company', 'urban_patrol'])
      expect(recognitionExpiry('2026-03-17', PE(), kind)).toBeNull();
  });

  it('issue 20 item 7: a Peruvian organisation has no legal minimum of members (no MEMBERS_BELOW_MINIMUM)', () => {
    expect(warningsFor({ ...base, country: 'PE', kind: 'market', membersActive: 0 }, '2026-03-17')).toEqual([]);
  });
});
