import {
  checkBoard,
  checkFounderAges,
  checkFoundersPresent,
  boardTermEnd,
  constitutionWarnings,
  correctionDeadline,
  depositDeadline,
  electionDeadlines,
  objectionDeadline,
  SeatCandidate,
} from '../../../src/associations/constitution-rules';
import { defaultSettingsFor } from '../../../src/territory/municipality-settings';

const CL = defaultSettingsFor('CL');
const adult = (
  name: string,
  position: SeatCandidate['position'],
  extra: Partial<SeatCandidate> = {},
): SeatCandidate => ({ name, position, birthDate: '1980-01-01', declaredEligible: true, ...extra });

describe('constitution and board rules', () => {
  describe('DOM-ORG-3: founders present', () => {
    it('DOM-ORG-3: 14 founders of an urban functional organisation are refused with the numbers; 15 pass', () => {
      expect(checkFoundersPresent('functional_organization', 'urban', 221_054, CL, 14)).toEqual({
        code: 'FOUNDERS_BELOW_MINIMUM',
        message: 'Hay 14 socios fundadores presentes; una organización funcional urbana necesita al menos 15.',
      });
      expect(checkFoundersPresent('functional_organization', 'urban', 221_054, CL, 15)).toBeNull();
    });

    it('DOM-ORG-3: a rural functional organisation needs 10 (config)', () => {
      expect(checkFoundersPresent('functional_organization', 'rural', 5_000, CL, 9)?.message).toBe(
        'Hay 9 socios fundadores presentes; una organización funcional rural necesita al menos 10.',
      );
      expect(checkFoundersPresent('functional_organization', 'rural', 5_000, CL, 10)).toBeNull();
    });

    it.each([
      [10_000, 50],
      [10_001, 100],
      [30_000, 100],
      [30_001, 150],
      [100_000, 150],
      [100_001, 200],
      [null, 200],
    ])('DOM-ORG-3: a junta de vecinos in a commune of %p inhabitants needs %p founders', (population, minimum) => {
      expect(checkFoundersPresent('neighbourhood_council', 'urban', population, CL, minimum)).toBeNull();
      const refused = checkFoundersPresent('neighbourhood_council', 'urban', population, CL, minimum - 1);
      expect(refused?.code).toBe('FOUNDERS_BELOW_MINIMUM');
      expect(refused?.message).toContain(`necesita al menos ${minimum}`);
      expect(refused?.message).toContain(`Hay ${minimum - 1} socios`);
    });

    it('DOM-ORG-3 (config): a municipality that changes its minimums changes the check', () => {
      const settings = defaultSettingsFor('CL');
      settings.foundersMinimum.functionalOrganization.urban = 18;
      expect(checkFoundersPresent('functional_organization', 'urban', 200_000, settings, 15)?.message).toContain(
        'al menos 18',
      );
    });
  });

  describe("DOM-ORG-4: founders' ages on the assembly date", () => {
    it("DOM-ORG-4: a 14-year-old founds a junta de vecinos but not a functional organisation; under 16 needs the guardian's consent", () => {
      const teen = { name: 'Camila Soto', birthDate: '2012-03-18', guardianConsent: true }; // 14 on 2026-03-18
      expect(checkFounderAges('neighbourhood_council', [teen], '2026-03-18', CL)).toEqual([]);
      expect(checkFounderAges('functional_organization', [teen], '2026-03-18', CL)).toEqual([
        {
          code: 'MEMBER_TOO_YOUNG',
          message: 'Camila Soto tiene 14 años; el mínimo para esta organización es 15.',
          subject: 'Camila Soto',
        },
      ]);
      expect(
        checkFounderAges('neighbourhood_council', [{ ...teen, guardianConsent: false }], '2026-03-18', CL).map(
          (p) => p.code,
        ),
      ).toEqual(['GUARDIAN_CONSENT_REQUIRED']);
      // the day before the birthday she is still 13
      expect(checkFounderAges('neighbourhood_council', [teen], '2026-03-17', CL).map((p) => p.code)).toEqual([
        'MEMBER_TOO_YOUNG',
      ]);
    });
  });

  describe('DOM-ORG-5 and DOM-ORG-8: the board', () => {
    const complete = [adult('Ana', 'president'), adult('Beto', 'secretary'), adult('Carla', 'treasurer')];

    it('DOM-ORG-8: president, secretary and treasurer are required, one each', () => {
      expect(checkBoard(complete, '2026-03-20', { firstBoard: true })).toEqual([]);
      const missing = checkBoard([adult('Ana', 'president'), adult('Beto', 'secretary')], '2026-03-20', {
        firstBoard: true,
      });
      expect(missing).toEqual([
        {
          code: 'BOARD_POST_MISSING',
          message: 'Falta el cargo de tesorero: el directorio debe tener presidente, secretario y tesorero.',
        },
      ]);
      expect(
        checkBoard([...complete, adult('Dora', 'president')], '2026-03-20', { firstBoard: true }).map((p) => p.code),
      ).toEqual(['BOARD_POST_DUPLICATED']);
      expect(
        checkBoard([...complete, adult('Ana', 'director')], '2026-03-20', { firstBoard: true }).map((p) => p.code),
      ).toEqual(['BOARD_MEMBER_REPEATED']);
    });

    it('DOM-ORG-5: a board member is 18 or older on the date, and declares eligibility', () => {
      const young = checkBoard(
        [...complete.slice(0, 2), adult('Carla', 'treasurer', { birthDate: '2008-03-21' })],
        '2026-03-20',
        { firstBoard: true },
      );
      expect(young).toEqual([
        {
          code: 'BOARD_MEMBER_INELIGIBLE',
          message: 'Carla tiene 17 años: para integrar el directorio se necesitan 18 años o más.',
          subject: 'Carla',
        },
      ]);
      expect(
        checkBoard([...complete.slice(0, 2), adult('Carla', 'treasurer', { birthDate: '2008-03-20' })], '2026-03-20', {
          firstBoard: true,
        }),
      ).toEqual([]);
      expect(
        checkBoard([...complete.slice(0, 2), adult('Carla', 'treasurer', { declaredEligible: false })], '2026-03-20', {
          firstBoard: true,
        }).map((p) => p.code),
      ).toEqual(['BOARD_MEMBER_INELIGIBLE']);
    });

    it('DOM-ORG-8: ranked substitutes, no more than the titular seats; a year of membership except for the first board', () => {
      const subs = [adult('Dora', 'substitute', { rank: 1 }), adult('Eva', 'substitute', { rank: 2 })];
      expect(checkBoard([...complete, ...subs], '2026-03-20', { firstBoard: true })).toEqual([]);
      expect(
        checkBoard([...complete, adult('Dora', 'substitute', { rank: 2 })], '2026-03-20', { firstBoard: true }).map(
          (p) => p.code,
        ),
      ).toEqual(['BOARD_SUBSTITUTE_RANKS']);
      const four = [1, 2, 3, 4].map((r) => adult(`S${r}`, 'substitute', { rank: r }));
      expect(checkBoard([...complete, ...four], '2026-03-20', { firstBoard: true }).map((p) => p.code)).toEqual([
        'BOARD_TOO_MANY_SUBSTITUTES',
      ]);
      const recent = complete.map((s) => ({ ...s, joinedOn: '2025-03-21' }));
      expect(checkBoard(recent, '2026-03-20', { firstBoard: false }).map((p) => p.code)).toEqual([
        'BOARD_MEMBER_INELIGIBLE',
        'BOARD_MEMBER_INELIGIBLE',
        'BOARD_MEMBER_INELIGIBLE',
      ]);
      expect(checkBoard(recent, '2026-03-21', { firstBoard: false })).toEqual([]);
      expect(checkBoard(recent, '2026-03-20', { firstBoard: true })).toEqual([]);
    });

    it('DOM-ORG-5, DOM-ORG-8: a provisional board lasts 60 calendar days, a definitive one 3 years', () => {
      expect(boardTermEnd('provisional', '2026-03-20')).toBe('2026-05-19');
      expect(boardTermEnd('provisional', '2026-12-15')).toBe('2027-02-13');
      expect(boardTermEnd('definitive', '2026-05-10')).toBe('2029-05-10');
      expect(boardTermEnd('definitive', '2028-02-29')).toBe('2031-02-28');
    });
  });

  describe('DOM-ORG-6: deposit and objection deadlines in calendar days', () => {
    it('DOM-ORG-6: 30 days to deposit, 30 to object, 90 to correct, across month and year ends', () => {
      expect(depositDeadline('2026-01-31')).toBe('2026-03-02');
      expect(depositDeadline('2026-12-15')).toBe('2027-01-14');
      expect(objectionDeadline('2026-02-10')).toBe('2026-03-12');
      expect(correctionDeadline('2026-11-20')).toBe('2027-02-18');
    });

    it('DOM-ORG-6: DEPOSIT_DUE shows from 7 days before the deadline, OBJECTION_CORRECTION_DUE while objected', () => {
      const constituted = {
        status: 'constituted' as const,
        assemblyDate: '2026-03-01',
        depositedOn: null,
        objectedOn: null,
        board: null,
      };
      expect(constitutionWarnings(constituted, '2026-03-23')).toEqual([]); // deadline 31-03, 8 days left
      expect(constitutionWarnings(constituted, '2026-03-24')).toEqual([{ code: 'DEPOSIT_DUE', dueOn: '2026-03-31' }]);
      expect(
        constitutionWarnings({ ...constituted, status: 'in_force', depositedOn: '2026-03-20' }, '2026-03-24'),
      ).toEqual([]);
      // the 30 days run from the assembly, also while the faith minister has not certified
      expect(constitutionWarnings({ ...constituted, status: 'pending_certification' }, '2026-03-24')).toEqual([
        { code: 'DEPOSIT_DUE', dueOn: '2026-03-31' },
      ]);
      expect(
        constitutionWarnings(
          { ...constituted, status: 'objected', depositedOn: '2026-03-20', objectedOn: '2026-04-10' },
          '2026-04-11',
        ),
      ).toEqual([{ code: 'OBJECTION_CORRECTION_DUE', dueOn: '2026-07-09' }]);
    });
  });

  describe('DOM-ORG-9: board expiry warnings', () => {
    it('DOM-ORG-9: BOARD_EXPIRING from 60 days before the end of a definitive term, BOARD_EXPIRED after it; the provisional board warns in its last 15 days', () => {
      const state = (kind: 'provisional' | 'definitive', endsOn: string) => ({
        status: 'in_force' as const,
        assemblyDate: '2023-01-10',
        depositedOn: '2023-01-20',
        objectedOn: null,
        board: { kind, endsOn },
      });
      expect(constitutionWarnings(state('definitive', '2026-06-30'), '2026-04-30')).toEqual([]);
      expect(constitutionWarnings(state('definitive', '2026-06-30'), '2026-05-01')).toEqual([
        { code: 'BOARD_EXPIRING', dueOn: '2026-06-30' },
      ]);
      expect(constitutionWarnings(state('definitive', '2026-06-30'), '2026-06-30')).toEqual([
        { code: 'BOARD_EXPIRING', dueOn: '2026-06-30' },
      ]);
      expect(constitutionWarnings(state('definitive', '2026-06-30'), '2026-07-01')).toEqual([
        { code: 'BOARD_EXPIRED', dueOn: '2026-06-30' },
      ]);
      expect(constitutionWarnings(state('provisional', '2026-05-19'), '2026-05-03')).toEqual([]);
      expect(constitutionWarnings(state('provisional', '2026-05-19'), '2026-05-04')).toEqual([
        { code: 'PROVISIONAL_BOARD_EXPIRING', dueOn: '2026-05-19' },
      ]);
    });
  });

  describe('DOM-ORG-10: election deadlines in business days', () => {
    it('DOM-ORG-10: notice 15 business days before a vote and deposit 5 after, skipping Chilean holidays', () => {
      // vote on Friday 9 October 2026: back over Fiestas Patrias (Friday 18 Sep), forward over Monday 12 October
      expect(electionDeadlines('2026-10-09')).toEqual({ notifyBy: '2026-09-17', depositBy: '2026-10-19' });
    });
  });
});
