import { addDays, localDate } from '../../common/format/dates';
import type { EventsDemoAccount, EventsDemoDeps } from '../events.demo';
import { FundCallEditorService, type FundCallCreate } from './fund-call-editor.service';

/** A local date-time `days` days from the demo's today in Santiago, at `time`. */
const at = (today: string, days: number, time: string) => `${addDays(today, days)}T${time}`;

/**
 * The fund calendar of the stories (issue 18 item 8): real Chilean calls with windows around the demo's "now" (some
 * open, one closing soon, one upcoming, one closed), created through the same service as by hand. Runs once: a call
 * already there (name and year) is left as it is.
 */
export async function loadFundsDemo(deps: EventsDemoDeps): Promise<EventsDemoAccount[]> {
  const editor = deps.modules.get(FundCallEditorService, { strict: false });
  const today = localDate(deps.clock.now(), 'America/Santiago');
  const year = Number(today.slice(0, 4));
  const calls: FundCallCreate[] = [
    {
      institutionName: 'Ministerio Secretaría General de Gobierno',
      name: 'Fondo de Fortalecimiento de las Organizaciones de Interés Público (FFOIP)',
      scope: 'national',
      category: 'social',
      targetApplicant: 'organizations',
      amountMinClp: 1_000_000,
      amountMaxClp: 15_000_000,
      opensAt: at(today, -20, '09:00'),
      closesAt: at(today, 25, '17:00'),
      url: 'https://fondos.gob.cl',
      description:
        'Financia proyectos de organizaciones de interés público: fortalecimiento, formación y difusión. Nacional, por regiones.',
      requirements: {
        legalPersonalityInForce: true,
        boardInForce: true,
        minOrganizationAgeYears: 2,
        publicFundsRegistry: true,
        noPendingExpenseReport: true,
        other: ['Carta Gantt del proyecto', 'Cotizaciones de los gastos'],
      },
    },
    {
      institutionName: 'Ministerio del Interior',
      name: 'Fondo Social Presidente de la República',
      scope: 'national',
      category: 'social',
      targetApplicant: 'organizations',
      amountMaxClp: 5_000_000,
      opensAt: at(today, -30, '09:00'),
      closesAt: at(today, 5, '14:00'),
      url: 'https://fondosocial.gob.cl',
      description: 'Equipamiento e implementación para organizaciones sociales sin fines de lucro.',
      requirements: {
        legalPersonalityInForce: true,
        boardInForce: true,
        organizationRut: true,
        publicFundsRegistry: true,
      },
    },
    {
      institutionName: 'Gobierno Regional de Coquimbo',
      name: 'FNDR 8% Seguridad Ciudadana Región de Coquimbo',
      scope: 'regional',
      regionCodes: ['04'],
      category: 'security',
      targetApplicant: 'organizations',
      amountMaxClp: 8_000_000,
      opensAt: at(today, -10, '09:00'),
      closesAt: at(today, 30, '14:00'),
      url: 'https://www.gorecoquimbo.cl',
      description: 'Cámaras, alarmas comunitarias, luminarias y recuperación de espacios públicos.',
      requirements: {
        legalPersonalityInForce: true,
        boardInForce: true,
        minOrganizationAgeYears: 1,
        noPendingExpenseReport: true,
        other: ['Carta de apoyo de Carabineros o de la municipalidad'],
      },
    },
    {
      institutionName: 'Municipalidad de La Serena',
      name: 'FONDEVE La Serena',
      scope: 'communal',
      communeCodes: ['04101'],
      category: 'infrastructure',
      targetApplicant: 'organizations',
      associationKinds: ['neighbourhood_council'],
      amountMaxClp: 2_500_000,
      opensAt: at(today, 10, '09:00'),
      closesAt: at(today, 40, '14:00'),
      url: 'https://www.laserena.cl',
      description: 'Fondo de desarrollo vecinal: mejoramiento de sedes y del barrio, solo para juntas de vecinos.',
      requirements: { legalPersonalityInForce: true, boardInForce: true, other: ['Presupuesto de obras'] },
    },
    {
      institutionName: 'Sercotec',
      name: 'Capital Semilla Emprende',
      scope: 'national',
      category: 'productive',
      targetApplicant: 'persons',
      amountMaxClp: 3_500_000,
      opensAt: at(today, -3, '12:00'),
      closesAt: at(today, 12, '15:00'),
      url: 'https://www.sercotec.cl/capital-semilla-emprende/',
      description: 'Subsidio para poner en marcha un negocio: personas sin inicio de actividades en primera categoría.',
      requirements: { minAgeYears: 18, noActivityStart: true },
    },
    {
      institutionName: 'Sercotec',
      name: 'Capital Abeja Emprende',
      scope: 'national',
      category: 'productive',
      targetApplicant: 'persons',
      amountMaxClp: 3_500_000,
      opensAt: at(today, 15, '12:00'),
      closesAt: at(today, 29, '15:00'),
      url: 'https://www.sercotec.cl/capital-abeja-emprende/',
      description: 'Subsidio para mujeres que quieren emprender un negocio.',
      requirements: { minAgeYears: 18, ownerSex: 'female', noActivityStart: true },
    },
    {
      institutionName: 'Sercotec',
      name: 'Barrios Comerciales: Fondo de Desarrollo de Iniciativas Empresariales',
      scope: 'regional',
      regionCodes: ['04'],
      category: 'productive',
      targetApplicant: 'businesses',
      amountMaxClp: 1_000_000,
      opensAt: at(today, -45, '09:00'),
      closesAt: at(today, -10, '17:00'),
      url: 'https://www.sercotec.cl/barrios-comerciales/',
      description: 'Cofinanciamiento de mejoras de los negocios de los barrios comerciales del programa.',
      requirements: { organizationRut: true },
    },
  ];
  for (const call of calls) {
    const exists: unknown[] = await deps.manager.query(`SELECT 1 FROM fund_call WHERE name = $1 AND year = $2`, [
      call.name,
      year,
    ]);
    if (exists.length) continue;
    await editor.create(deps.admin, { ...call, year }, {});
  }
  return [];
}
