import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/access/actor';
import type { Clock } from '../common/clock';
import { addDays, addYears, localDate } from '../common/format/dates';
import { rutCheckDigit } from '../common/format/rut';
import { COMMON_SURNAMES } from '../common/demo-surnames';
import { foldForSearch } from '../common/text';
import type { ActivitiesService } from './activities.service';
import type { BeneficiariesService } from './beneficiaries.service';
import type { BenefitsService } from './benefits.service';
import type { ProgramConsentService } from './program-consent.service';
import { ROSTER_CONSENT } from './program-consent.service';
import type { ProgramsService } from './programs.service';

export const DEMO_PROGRAM_OFFICER_EMAIL = 'sercotec.coquimbo@demo.quorum.cl';
export const DEMO_MELIPILLA_OFFICER_EMAIL = 'centro.negocios@melipilla.demo.quorum.cl';

/** Sercotec's Barrios Comerciales in the Coquimbo region (story 1, DOMAIN.md §1b). */
export const DEMO_BARRIOS = {
  name: 'Barrios Comerciales Coquimbo 2026',
  kind: 'associative' as const,
  year: 2026,
  agencyName: 'Sercotec Coquimbo',
  regionCode: '04',
  budgetClp: 80_000_000,
  lines: ['Capital social', 'Oferta comercial', 'Entorno urbano comercial'],
};

/** Sercotec's business centre in Melipilla with the province's entrepreneurs (story 5: market weeks). */
export const DEMO_MELIPILLA = {
  name: 'Centro de Negocios Sercotec Melipilla 2026',
  kind: 'individual' as const,
  year: 2026,
  agencyName: 'Centro de Negocios Sercotec Melipilla',
  communeCodes: ['13501', '13504'],
  budgetClp: 40_000_000,
  lines: ['Comercialización', 'Asesoría empresarial'],
};

const FEMALE =
  /^(Andrea|Carolina|Claudia|Daniela|Flor|Francisca|Karina|Lorena|Marleny|María|Patricia|Rosa|Valentina|Ximena|Ana|Camila|Javiera|Fernanda|Paula|Catalina|Constanza|Gabriela|Teresa|Isabel)\b/;

const FIRST = [
  'Ana',
  'Pedro',
  'Camila',
  'José',
  'Javiera',
  'Manuel',
  'Fernanda',
  'Raúl',
  'Paula',
  'Tomás',
  'Catalina',
  'Iván',
  'Constanza',
  'Hugo',
  'Gabriela',
  'Mario',
  'Teresa',
  'Víctor',
  'Isabel',
  'Nelson',
];
const LAST = [...COMMON_SURNAMES.slice(0, 11), 'Fuentes', 'Valenzuela', 'Araya', 'Castillo'];
const TRADES: [string, string][] = [
  ['Miel', 'Apicultura'],
  ['Quesos', 'Lácteos'],
  ['Tejidos', 'Artesanía'],
  ['Cerámica', 'Artesanía'],
  ['Mermeladas', 'Alimentos'],
  ['Cosmética natural', 'Cosmética'],
  ['Aceitunas', 'Alimentos'],
  ['Vinos', 'Bebidas'],
];

/**
 * The programs of the stories: Barrios Comerciales with Barrio Patrimonial enrolled and its roster shared, its
 * businesses as beneficiaries, the benefits the story names and two activities with attendance; Melipilla's
 * business centre with 40 entrepreneurs of the province. Runs once (the program's name is its natural key).
 */
export async function loadProgramsDemo(deps: {
  manager: EntityManager;
  programs: ProgramsService;
  consent: ProgramConsentService;
  beneficiaries: BeneficiariesService;
  benefits: BenefitsService;
  activities: ActivitiesService;
  clock: Clock;
  admin: Actor;
  president: Actor | null;
  barrioPatrimonialId: string;
}): Promise<{ barrios: string; melipilla: string } | null> {
  const existing: { id: string; name: string }[] = await deps.manager.query(
    `SELECT id, name FROM program WHERE name = ANY($1)`,
    [[DEMO_BARRIOS.name, DEMO_MELIPILLA.name]],
  );
  if (existing.length === 2)
    return {
      barrios: existing.find((p) => p.name === DEMO_BARRIOS.name)!.id,
      melipilla: existing.find((p) => p.name === DEMO_MELIPILLA.name)!.id,
    };
  const ctx = {};
  // dates around the demo's "now", like the rest of the stories (the program started about eleven months ago)
  const today = localDate(deps.clock.now(), 'America/Santiago');
  const day = (offset: number) => addDays(today, offset);
  const startsOn = day(-330);
  const year = Number(startsOn.slice(0, 4));
  const barrios = await deps.programs.create(
    deps.admin,
    { ...DEMO_BARRIOS, year, startsOn, endsOn: addYears(startsOn, 3) },
    ctx,
  );
  const melipilla = await deps.programs.create(deps.admin, { ...DEMO_MELIPILLA, year, startsOn, endsOn: day(65) }, ctx);
  const a = deps.admin;
  await deps.programs.enrol(a, barrios.id, { associationId: deps.barrioPatrimonialId, enrolledOn: day(-320) }, ctx);
  if (deps.president)
    await deps.consent.share(
      deps.president,
      deps.barrioPatrimonialId,
      { programId: barrios.id, textVersion: ROSTER_CONSENT.version },
      ctx,
    );
  const members = deps.president
    ? await deps.beneficiaries.rosterToPick(a, barrios.id, deps.barrioPatrimonialId, ctx)
    : [];
  for (const m of members.filter((x) => x.businessName))
    await deps.beneficiaries.add(
      a,
      barrios.id,
      {
        associationId: deps.barrioPatrimonialId,
        memberId: m.membershipId,
        ownerSex: FEMALE.test(m.fullName) ? 'female' : 'male',
        enrolledOn: day(-300),
      },
      ctx,
    );
  const association = { associationId: deps.barrioPatrimonialId };
  // the benefits the barrio received, recorded in this order: kind, amount (CLP), delivered (days from now), line
  const delivered = [
    ['promotion', 4_500_000, -260, 'Capital social', 'Imagen corporativa del barrio (logo, señalética y redes)'],
    ['subsidy', 12_000_000, -150, 'Entorno urbano comercial', 'Bulevares familiares en Prat y Cordovez'],
    [
      'technical_assistance',
      9_800_000,
      -60,
      'Entorno urbano comercial',
      'Plan de desarrollo urbano comercial del casco histórico',
    ],
    ['training', 0, -200, 'Oferta comercial', 'Mentoría de vitrinas y atención (sin costo)'],
  ] as const;
  for (const [kind, amountClp, days, line, description] of delivered) {
    const benefit = { kind, amountClp, deliveredOn: day(days), line, description };
    await deps.benefits.record(a, barrios.id, { ...association, ...benefit }, ctx);
  }
  const enrolled = (await deps.beneficiaries.rows(barrios.id, {})).map((b) => b.id);
  const activities = [
    {
      title: 'Taller de vitrinas y atención al cliente',
      localStart: `${day(-200)}T19:00`,
      place: 'Casa de las Artes, Prat 450, La Serena',
      line: 'Oferta comercial',
    },
    {
      title: 'Recorrido técnico por el casco histórico con la municipalidad',
      localStart: `${day(-90)}T10:00`,
      place: 'Plaza de Armas de La Serena',
      line: 'Entorno urbano comercial',
    },
  ];
  for (const [i, input] of activities.entries()) {
    const activity = await deps.activities.create(a, barrios.id, input, ctx);
    // attendance as it was taken: most present, some excused, a few absent
    await deps.activities.setAttendance(
      a,
      activity.id,
      enrolled.map((id, k) => ({
        beneficiaryId: id,
        status: (k + i) % 7 === 0 ? 'absent' : (k + i) % 5 === 0 ? 'excused' : 'present',
      })),
      ctx,
    );
  }
  // Melipilla: 40 entrepreneurs of the province, each with their own consent
  for (let i = 0; i < 40; i++) {
    const first = FIRST[i % FIRST.length];
    const [trade, category] = TRADES[i % TRADES.length];
    const body = 16_100_000 + i * 7_919;
    const last = LAST[i % LAST.length];
    await deps.beneficiaries.add(
      a,
      melipilla.id,
      {
        rut: `${body}-${rutCheckDigit(body)}`,
        fullName: `${first} ${last} ${LAST[(i * 7 + 3) % LAST.length]}`,
        // where the centre writes to them (their market week, issue 19): a demo address, never delivered
        email: `${foldForSearch(`${first}.${last}`).replace(/[^a-z.]/g, '')}${i}@emprende.demo.quorum.cl`,
        birthDate: `19${70 + (i % 25)}-0${1 + (i % 9)}-1${i % 9}`,
        businessName: `${trade} ${LAST[(i * 3) % LAST.length]}`,
        businessCategory: category,
        ownerSex: FEMALE.test(first) ? 'female' : 'male',
        communeCode: i % 4 === 3 ? '13504' : '13501',
        enrolledOn: day(-280),
        consentTextVersion: 'beneficiario-2026-12',
      },
      ctx,
    );
  }
  return { barrios: barrios.id, melipilla: melipilla.id };
}
