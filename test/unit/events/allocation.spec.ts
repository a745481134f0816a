import fc from 'fast-check';
import {
  allocateMonth,
  AllocationApplicant,
  AllocationInput,
  AllocationResult,
  weeksOfMonth,
} from '../../../src/events/market/allocation';

const CATEGORIES = ['alimentos', 'artesanía', 'vestuario', 'cosmética'];

/** A month of four or five weeks, 0 to 6 stands each, an optional cap, up to 60 applicants with distinct ids. */
const inputArb: fc.Arbitrary<AllocationInput> = fc
  .record({
    month: fc.constantFrom('2027-03', '2027-08', '2026-02', '2027-01'),
    stands: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 5, maxLength: 5 }),
    cap: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
    applicants: fc.uniqueArray(
      fc.record({
        applicantId: fc.uuid(),
        category: fc.constantFrom(...CATEGORIES),
        appliedMinute: fc.integer({ min: 0, max: 60 * 24 * 20 }),
        preferred: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }),
        weeksReceived12m: fc.integer({ min: 0, max: 4 }),
        noShows6m: fc.integer({ min: 0, max: 2 }),
      }),
      { maxLength: 60, selector: (a) => a.applicantId },
    ),
  })
  .map(({ month, stands, cap, applicants }) => {
    const weeks = weeksOfMonth(month).map((w, i) => ({ ...w, stands: stands[i] }));
    return {
      weeks,
      categoryCapPerWeek: cap,
      applicants: applicants.map((a) => ({
        applicantId: a.applicantId,
        category: a.category,
        appliedAt: new Date(Date.UTC(2027, 0, 1) + a.appliedMinute * 60_000).toISOString(),
        // index 5 can fall outside a four-week month: a preferred week that is not the venue's is ignored
        preferredWeeks: a.preferred.map((i) => weeks[i]?.startsOn ?? '2030-01-07'),
        weeksReceived12m: a.weeksReceived12m,
        noShows6m: a.noShows6m,
      })),
    };
  });

describe('DOM-MKT-2 allocation properties (fast-check)', () => {
  it('never gives one applicant two weeks of the month; every applicant has exactly one placement', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = allocateMonth(input);
        const held = result.weeks.flatMap((w) => w.stands.map((s) => s.applicantId));
        expect(new Set(held).size).toBe(held.length);
        expect(result.placements).toHaveLength(input.applicants.length);
        const onWaitlist = new Set(result.waitlist.map((w) => w.applicantId));
        for (const id of held) expect(onWaitlist.has(id)).toBe(false);
        expect(held.length + onWaitlist.size).toBe(input.applicants.length);
      }),
      { numRuns: 300 },
    );
  });

  it('never fills a week past its stands nor a category past the cap; stands are numbered 1..n', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = allocateMonth(input);
        const category = new Map(input.applicants.map((a) => [a.applicantId, a.category]));
        for (const week of result.weeks) {
          const capacity = input.weeks.find((w) => w.startsOn === week.startsOn)!.stands;
          expect(week.stands.length).toBeLessThanOrEqual(capacity);
          expect(week.stands.map((s) => s.stand)).toEqual(week.stands.map((_, i) => i + 1));
          if (input.categoryCapPerWeek !== null) {
            const counts = new Map<string, number>();
            for (const s of week.stands)
              counts.set(category.get(s.applicantId)!, (counts.get(category.get(s.applicantId)!) ?? 0) + 1);
            for (const n of counts.values()) expect(n).toBeLessThanOrEqual(input.categoryCapPerWeek);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the same input gives the same output, also with the applicants (and weeks) shuffled', () => {
    fc.assert(
      fc.property(inputArb, fc.integer(), (input, seed) => {
        const first = allocateMonth(input);
        expect(allocateMonth(input)).toEqual(first);
        // the reasons' sentences too (written when read), and the JSON an API would answer
        expect(JSON.stringify(allocateMonth(input))).toBe(JSON.stringify(first));
        const shuffled = fc.sample(fc.shuffledSubarray(input.applicants, { minLength: input.applicants.length }), {
          seed,
          numRuns: 1,
        })[0];
        const weeks = [...input.weeks].reverse();
        const again = allocateMonth({ ...input, weeks, applicants: shuffled });
        expect(again).toEqual(first);
        expect(again.placements.map((p) => p.reason.why)).toEqual(first.placements.map((p) => p.reason.why));
      }),
      { numRuns: 200 },
    );
  });

  it('orders by fewest weeks in 12 months, then fewest no-shows in 6, then earliest application, then id', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const byId = new Map(input.applicants.map((a) => [a.applicantId, a]));
        const ordered = allocateMonth(input).placements.map((p) => byId.get(p.applicantId)!);
        for (let i = 1; i < ordered.length; i++) {
          const [x, y] = [ordered[i - 1], ordered[i]];
          const key = (a: AllocationApplicant) => [a.weeksReceived12m, a.noShows6m, a.appliedAt, a.applicantId];
          const [kx, ky] = [key(x), key(y)];
          const cmp = kx.findIndex((v, j) => v !== ky[j]);
          expect(cmp).toBeGreaterThanOrEqual(0);
          expect(kx[cmp] < ky[cmp]).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('honours a preferred week (the first in the applicant’s order) whenever it has room when their turn comes', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = allocateMonth(input);
        const byId = new Map(input.applicants.map((a) => [a.applicantId, a]));
        const used = new Map(input.weeks.map((w) => [w.startsOn, 0]));
        const catUsed = new Map<string, number>();
        const room = (startsOn: string, category: string) => {
          const week = input.weeks.find((w) => w.startsOn === startsOn);
          if (!week || used.get(startsOn)! >= week.stands) return false;
          const cap = input.categoryCapPerWeek;
          return cap === null || (catUsed.get(`${startsOn}|${category}`) ?? 0) < cap;
        };
        for (const p of result.placements) {
          const a = byId.get(p.applicantId)!;
          const firstWithRoom = a.preferredWeeks.find((w) => room(w, a.category));
          if (firstWithRoom) {
            expect(p.weekStartsOn).toBe(firstWithRoom);
            expect(p.preferredHonoured).toBe(true);
          } else {
            expect(p.preferredHonoured).toBe(false);
          }
          // nobody waits while some week still has room for their category
          if (p.weekStartsOn === null) expect(input.weeks.some((w) => room(w.startsOn, a.category))).toBe(false);
          if (p.weekStartsOn) {
            used.set(p.weekStartsOn, used.get(p.weekStartsOn)! + 1);
            const k = `${p.weekStartsOn}|${a.category}`;
            catUsed.set(k, (catUsed.get(k) ?? 0) + 1);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('without a preference, takes the week with most free stands, the earliest on a tie', () => {
    const weeks = weeksOfMonth('2027-03').map((w, i) => ({ ...w, stands: [2, 3, 3, 1, 2][i] }));
    const applicants = ['a', 'b', 'c', 'd'].map((id, i) => ({
      applicantId: id,
      category: 'alimentos',
      appliedAt: `2027-02-0${i + 1}T12:00:00Z`,
      preferredWeeks: [],
      weeksReceived12m: 0,
      noShows6m: 0,
    }));
    const placed = allocateMonth({ weeks, categoryCapPerWeek: null, applicants }).placements.map((p) => p.weekStartsOn);
    // 08-03 and 15-03 have 3 free; 08-03 first; then 15-03 (3 > 2); then 01-03, 08-03, 15-03 tie at 2: 01-03
    expect(placed).toEqual(['2027-03-08', '2027-03-15', '2027-03-01', '2027-03-08']);
  });
});

/** Twelve months of a venue with fewer stands than applicants; history fed from the months before. */
function simulateYear(opts: { applicants: number; stands: number; seed: number; noShowAt?: { month: number } }) {
  const ids = Array.from({ length: opts.applicants }, (_, i) => `ap-${String(i).padStart(3, '0')}`);
  const received = new Map<string, string[]>(ids.map((id) => [id, []])); // months held
  const noShows = new Map<string, string[]>(ids.map((id) => [id, []]));
  const rng = fc.sample(
    fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 12 * ids.length, maxLength: 12 * ids.length }),
    {
      seed: opts.seed,
      numRuns: 1,
    },
  )[0];
  const months: { month: string; result: AllocationResult; input: AllocationInput; noShow?: string }[] = [];
  for (let m = 0; m < 12; m++) {
    const month = `2027-${String(m + 1).padStart(2, '0')}`;
    const weeks = weeksOfMonth(month).map((w) => ({ ...w, stands: opts.stands }));
    const monthIndex = m;
    const applicants = ids.map((id, i) => ({
      applicantId: id,
      category: CATEGORIES[i % CATEGORIES.length],
      appliedAt: new Date(Date.UTC(2026, 11 + m, 1) + rng[m * ids.length + i] * 60_000).toISOString(),
      preferredWeeks: rng[m * ids.length + i] % 3 === 0 ? [weeks[rng[m * ids.length + i] % weeks.length].startsOn] : [],
      weeksReceived12m: received.get(id)!.filter((_, j) => j >= 0).length,
      noShows6m: noShows.get(id)!.filter((n) => Number(n) >= monthIndex - 6).length,
    }));
    const input = { weeks, categoryCapPerWeek: null, applicants };
    const result = allocateMonth(input);
    let noShow: string | undefined;
    for (const p of result.placements) {
      if (p.weekStartsOn) received.get(p.applicantId)!.push(month);
    }
    if (opts.noShowAt?.month === m) {
      noShow = result.placements.find((p) => p.weekStartsOn)!.applicantId;
      noShows.get(noShow)!.push(String(m));
    }
    months.push({ month, result, input, noShow });
  }
  return { months, received };
}

describe('DOM-MKT-2 fairness over 12 simulated months (history from the months before)', () => {
  it('everyone who applies every month and attends receives within one week of everyone else, each month', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 70 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer(),
        (applicants, stands, seed) => {
          const { months } = simulateYear({ applicants, stands, seed });
          const totals = new Map<string, number>();
          for (const { result } of months) {
            for (const p of result.placements)
              totals.set(p.applicantId, (totals.get(p.applicantId) ?? 0) + (p.weekStartsOn ? 1 : 0));
            const counts = [...totals.values()];
            expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
          }
          // more applicants than stands: someone waited, and the year's stands were all used
          const capacity = months.reduce((n, m) => n + m.input.weeks.length * stands, 0);
          expect([...totals.values()].reduce((a, b) => a + b, 0)).toBe(Math.min(capacity, applicants * 12));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a no-show moves behind the others (same weeks received, no no-shows) the next month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer(), (month, seed) => {
        const { months } = simulateYear({ applicants: 30, stands: 2, seed, noShowAt: { month } });
        const culprit = months[month].noShow!;
        const next = months[month + 1].result.placements;
        const byId = new Map(months[month + 1].input.applicants.map((a) => [a.applicantId, a]));
        const mine = next.find((p) => p.applicantId === culprit)!;
        expect(mine.reason.noShows6m).toBe(1);
        for (const p of next) {
          const a = byId.get(p.applicantId)!;
          if (a.applicantId !== culprit && a.weeksReceived12m === mine.reason.weeksReceived12m && a.noShows6m === 0) {
            expect(p.order).toBeLessThan(mine.order);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('DOM-MKT-1 weeks of a month', () => {
  it('March 2027 starts on Monday 01-03: five weeks, Monday to Sunday, the last starting 29-03', () => {
    expect(weeksOfMonth('2027-03')).toEqual([
      { startsOn: '2027-03-01', endsOn: '2027-03-07' },
      { startsOn: '2027-03-08', endsOn: '2027-03-14' },
      { startsOn: '2027-03-15', endsOn: '2027-03-21' },
      { startsOn: '2027-03-22', endsOn: '2027-03-28' },
      { startsOn: '2027-03-29', endsOn: '2027-04-04' },
    ]);
  });

  it('a month whose 1st is a Sunday (August 2027): the week that holds the 1st started in July and is not August’s', () => {
    const weeks = weeksOfMonth('2027-08');
    expect(weeks[0]).toEqual({ startsOn: '2027-08-02', endsOn: '2027-08-08' });
    expect(weeks.map((w) => w.startsOn)).toEqual([
      '2027-08-02',
      '2027-08-09',
      '2027-08-16',
      '2027-08-23',
      '2027-08-30',
    ]);
    // and July 2027 does not own the week of 26-07 to 01-08 twice: it is July's last
    expect(weeksOfMonth('2027-07').at(-1)).toEqual({ startsOn: '2027-07-26', endsOn: '2027-08-01' });
  });

  it('February 2027 has four weeks; a leap February 2028 also four', () => {
    expect(weeksOfMonth('2027-02').map((w) => w.startsOn)).toEqual([
      '2027-02-01',
      '2027-02-08',
      '2027-02-15',
      '2027-02-22',
    ]);
    expect(weeksOfMonth('2028-02').map((w) => w.startsOn)).toEqual([
      '2028-02-07',
      '2028-02-14',
      '2028-02-21',
      '2028-02-28',
    ]);
  });

  it('the venue’s own dates replace the Mondays: sorted, once each, only those in the month', () => {
    expect(weeksOfMonth('2027-03', ['2027-03-20', '2027-03-06', '2027-03-20', '2027-04-03'])).toEqual([
      { startsOn: '2027-03-06', endsOn: '2027-03-12' },
      { startsOn: '2027-03-20', endsOn: '2027-03-26' },
    ]);
    expect(weeksOfMonth('2027-03', [])).toHaveLength(5);
  });

  it('a month not yyyy-mm is refused', () => {
    expect(() => weeksOfMonth('2027-3')).toThrow(RangeError);
    expect(() => weeksOfMonth('2027-13')).toThrow(RangeError);
  });
});

describe('DOM-MKT-2 examples', () => {
  const weeks = weeksOfMonth('2027-03').map((w) => ({ ...w, stands: 1 }));
  const base = { category: 'alimentos', preferredWeeks: [] as string[], weeksReceived12m: 0, noShows6m: 0 };

  it('fewer weeks received beats an earlier application; a no-show goes behind; the rest wait in order', () => {
    const applicants: AllocationApplicant[] = [
      { ...base, applicantId: 'early-but-served', appliedAt: '2027-02-01T10:00:00Z', weeksReceived12m: 2 },
      { ...base, applicantId: 'no-show', appliedAt: '2027-02-01T09:00:00Z', noShows6m: 1 },
      { ...base, applicantId: 'late-new', appliedAt: '2027-02-20T10:00:00Z' },
      { ...base, applicantId: 'b', appliedAt: '2027-02-10T10:00:00Z' },
      { ...base, applicantId: 'a', appliedAt: '2027-02-10T10:00:00Z' },
      { ...base, applicantId: 'served-once', appliedAt: '2027-02-02T10:00:00Z', weeksReceived12m: 1 },
      { ...base, applicantId: 'served-once-late', appliedAt: '2027-02-25T10:00:00Z', weeksReceived12m: 1 },
    ];
    const result = allocateMonth({ weeks, categoryCapPerWeek: null, applicants });
    expect(result.placements.map((p) => p.applicantId)).toEqual([
      'a', // same time as b: the id breaks the tie
      'b',
      'late-new',
      'no-show',
      'served-once',
      'served-once-late',
      'early-but-served',
    ]);
    expect(result.waitlist).toEqual([
      { applicantId: 'served-once-late', position: 1 },
      { applicantId: 'early-but-served', position: 2 },
    ]);
    const noShow = result.placements.find((p) => p.applicantId === 'no-show')!;
    expect(noShow.reason.why).toBe(
      'Lugar 4 en el orden: 0 semanas recibidas en los últimos 12 meses, 1 inasistencia en los últimos 6 meses, ' +
        'postuló el 01-02-2027 06:00. Recibe la semana del 22-03-2027, la de más puestos libres, puesto 1.',
    );
    expect(result.placements.at(-1)!.reason.why).toContain('queda 2.º en la lista de espera');
  });

  it('a full preferred week falls back to the next preferred, then to the emptiest; the cap sends a category elsewhere', () => {
    const three = weeksOfMonth('2027-03')
      .slice(0, 3)
      .map((w) => ({ ...w, stands: 2 }));
    const applicants: AllocationApplicant[] = [
      { ...base, applicantId: '1', appliedAt: '2027-02-01T10:00:00Z', preferredWeeks: ['2027-03-08'] },
      { ...base, applicantId: '2', appliedAt: '2027-02-02T10:00:00Z', preferredWeeks: ['2027-03-08'] },
      { ...base, applicantId: '3', appliedAt: '2027-02-03T10:00:00Z', preferredWeeks: ['2027-03-08', '2027-03-15'] },
      {
        ...base,
        applicantId: '4',
        appliedAt: '2027-02-04T10:00:00Z',
        preferredWeeks: ['2027-03-08'],
        category: 'vestuario',
      },
    ];
    const result = allocateMonth({ weeks: three, categoryCapPerWeek: 1, applicants });
    const at = (id: string) => result.placements.find((p) => p.applicantId === id)!;
    expect([at('1').weekStartsOn, at('1').preferredHonoured]).toEqual(['2027-03-08', true]);
    // the cap (1 alimentos a week) sends 2 to the emptiest week that admits alimentos: 01-03
    expect([at('2').weekStartsOn, at('2').preferredHonoured]).toEqual(['2027-03-01', false]);
    expect(at('2').reason.why).toContain('Sus semanas preferidas estaban llenas');
    expect([at('3').weekStartsOn, at('3').preferredHonoured]).toEqual(['2027-03-15', true]);
    expect([at('4').weekStartsOn, at('4').stand]).toEqual(['2027-03-08', 2]);
  });

  it('an applicant listed twice holds one week only', () => {
    const twice = { ...base, applicantId: 'x', appliedAt: '2027-02-01T10:00:00Z' };
    const result = allocateMonth({ weeks, categoryCapPerWeek: null, applicants: [twice, { ...twice }] });
    expect(result.placements).toHaveLength(1);
    expect(result.weeks.flatMap((w) => w.stands)).toHaveLength(1);
  });
});
