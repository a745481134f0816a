import type { EntityManager } from 'typeorm';
import { localDate } from '../../common/format/dates';
import { BeneficiariesService, type BeneficiaryView } from '../../programs/beneficiaries.service';
import { TablesService } from '../../tables/tables.service';
import type { EventsDemoAccount, EventsDemoDeps } from '../events.demo';
import { weeksOfMonth } from './allocation';
import { MarketApplication } from './entities/market-application.entity';
import { MarketMonth } from './entities/market-month.entity';
import { MarketSlot } from './entities/market-slot.entity';
import { MarketVenue } from './entities/market-venue.entity';
import { MarketAllocationService } from './market-allocation.service';
import { MarketApplicationsService } from './market-applications.service';
import { MarketVenuesService } from './market-venues.service';
import { shiftMonth } from './market-venue.view-model';

export const DEMO_MARKET_VENUE = 'Mall Espacio Urbano Melipilla';
export const DEMO_ENTREPRENEUR_EMAIL = 'emprendedora@melipilla.demo.quorum.cl';
const MELIPILLA_TABLE = 'Mesa Provincial de Fomento Productivo y Turismo de Melipilla';

/**
 * Who applies in a month and who comes (deterministic, so reloading the story gives the same pages): about four in
 * five apply each month; of those placed, one in nine does not come (no_show) and one in seven sends word (excused).
 */
const applies = (i: number, m: number) => (i * 7 + m * 3) % 5 !== 0;
const attendanceOf = (i: number, m: number): 'attended' | 'excused' | 'no_show' =>
  (i + m * 5) % 9 === 0 ? 'no_show' : (i * 3 + m) % 7 === 0 ? 'excused' : 'attended';

/**
 * Melipilla's market weeks at Mall Espacio Urbano (issue 19 item 8): 4 stands a week (at most 2 of one business
 * category) for the Melipilla program's entrepreneurs, managed with the province's productive-development table;
 * six months of published history with attendance, and next month applied for by most of them and drafted. The
 * applications and drafts go through the module's services; the history's publication and attendance are written on
 * the market's own tables (MarketOperationsModule publishes with mails, which past months should not send). Runs once.
 */
export async function loadMarketDemo(deps: EventsDemoDeps): Promise<EventsDemoAccount[]> {
  const programId = deps.programs?.melipilla;
  if (!programId) return [];
  const em: EntityManager = deps.manager;
  const get = <T>(type: new (...args: never[]) => T): T => deps.modules.get(type, { strict: false });
  const entrepreneurs = await get(BeneficiariesService).rows(programId, {});
  if (!(await em.findOneBy(MarketVenue, { programId, name: DEMO_MARKET_VENUE })))
    await loadHistory(deps, programId, entrepreneurs);
  // one entrepreneur with an account, to apply for herself and see her weeks
  const own = entrepreneurs.find((b) => /^(Ana|Camila|Javiera|Fernanda|Paula)\b/.test(b.fullName)) ?? entrepreneurs[0];
  if (!own) return [];
  const login = await deps.ensureDemoUser({
    email: DEMO_ENTREPRENEUR_EMAIL,
    name: own.fullName,
    roles: [],
    personId: own.personId,
  });
  // printed once, with the start that created it (like every demo login)
  if (!login.created) return [];
  return [
    {
      role: `Emprendedora (${own.businessName}), semanas de venta`,
      email: DEMO_ENTREPRENEUR_EMAIL,
      name: own.fullName,
    },
  ];
}

async function loadHistory(deps: EventsDemoDeps, programId: string, entrepreneurs: BeneficiaryView[]): Promise<void> {
  const em: EntityManager = deps.manager;
  const get = <T>(type: new (...args: never[]) => T): T => deps.modules.get(type, { strict: false });
  const venues = get(MarketVenuesService);
  const applications = get(MarketApplicationsService);
  const allocation = get(MarketAllocationService);
  const tables = (await get(TablesService).list(deps.admin, { pageSize: 200 })).items;
  const table = tables.find((t) => t.name === MELIPILLA_TABLE);

  const created = await venues.create(deps.admin, {
    name: DEMO_MARKET_VENUE,
    address: 'Av. Vicuña Mackenna 3175, Melipilla',
    communeCode: '13501',
    programId,
    tableId: table?.id,
    standsPerWeek: 4,
    categoryCapPerWeek: 2,
  });
  const venue = (await venues.find(created.id))!;
  const current = localDate(deps.clock.now(), venue.timeZone).slice(0, 7);
  const today = localDate(deps.clock.now(), venue.timeZone);
  const next = shiftMonth(current, 1);

  const applyFor = async (month: string, m: number) => {
    const weeks = weeksOfMonth(month).map((w) => w.startsOn);
    for (const [i, b] of entrepreneurs.entries()) {
      if (!applies(i, m)) continue;
      const application = await applications.apply(deps.admin, venue.id, {
        beneficiaryId: b.id,
        month,
        preferredWeeks: i % 3 === 0 && weeks.length ? [weeks[(i + m) % weeks.length]] : [],
      });
      // the applications came in on the 20th of the month before, a few minutes apart
      const appliedAt = new Date(`${shiftMonth(month, -1)}-20T12:00:00Z`);
      appliedAt.setUTCMinutes(appliedAt.getUTCMinutes() + ((i * 37 + m * 11) % 40) * 7);
      await em.update(MarketApplication, { id: application.id }, { appliedAt });
    }
    await allocation.run(deps.admin, venue.id, month);
  };

  // six months of history, each published when drafted, with attendance for the weeks that have begun
  for (let m = 0; m < 6; m++) {
    const month = shiftMonth(current, m - 5);
    await applyFor(month, m);
    await em.update(
      MarketMonth,
      { venueId: venue.id, month },
      {
        status: 'published',
        publishedAt: new Date(`${shiftMonth(month, -1)}-28T15:00:00Z`),
        publishedBy: deps.admin.id,
      },
    );
    const slots = await em.find(MarketSlot, { where: { venueId: venue.id, month } });
    for (const slot of slots) {
      if (slot.weekStartsOn > today) continue;
      const i = entrepreneurs.findIndex((b) => b.id === slot.beneficiaryId);
      await em.update(
        MarketSlot,
        { id: slot.id },
        {
          attendance: attendanceOf(i, m),
          attendanceMarkedAt: new Date(`${slot.weekEndsOn}T22:00:00Z`),
          attendanceMarkedBy: deps.admin.id,
        },
      );
    }
  }
  // next month: applied for by most, in draft
  await applyFor(next, 6);
}
