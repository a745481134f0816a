import { Logger } from '@nestjs/common';
import { AssociationDirectory } from '../../associations/association-directory.service';
import { BoardsService } from '../../associations/boards.service';
import { DEMO_ASSOCIATION_IDS } from '../../associations/associations.demo';
import { localDate } from '../../common/format/dates';
import { uuidV5 } from '../../common/ids';
import { InstitutionsService } from '../../institutions/institutions.service';
import type { EventsDemoAccount, EventsDemoDeps } from '../events.demo';
import { FundApplication } from './entities/fund-application.entity';
import { FundCall } from './entities/fund-call.entity';
import { FundApplicationsService } from './fund-applications.service';
import { FundDeclarationsService } from './fund-declarations.service';
import { FundMatchingFacts } from './fund-matching-facts';

const log = new Logger('FundMatchingDemo');
/** Last year's FONDEVE of La Serena (closed): the award whose expense report is overdue hangs on it. */
const FONDEVE_2025 = uuidV5('demo:fund-call:fondeve-la-serena-2025');
const OVERDUE_AWARD = uuidV5('demo:fund-application:centro-fondeve-2025');

/**
 * The demo's applications, awards, board terms and declarations, so each matching outcome shows (issue 18 item 8):
 * - Barrio Patrimonial (constituted at the load) is not eligible for calls asking 2 years (FFOIP), has no RUT recorded
 *   (unknown where it is asked) and prepares an application to an open call of its region;
 * - Junta de Vecinos Las Compañías Norte: its definitive board expired on 31-10-2026;
 * - Junta de Vecinos N.º 12 Centro Histórico: board in force and registered as a receiver of public funds, but the
 *   expense report of last year's FONDEVE award was due on 15-12-2025 and is not submitted: "no pending expense
 *   report" fails for later calls and its page warns.
 * Every write goes through the services (board terms through BoardsService) and is done once: fixed ids and checks.
 */
export async function loadFundMatchingDemo(deps: EventsDemoDeps): Promise<EventsDemoAccount[]> {
  const get = <T>(type: new (...args: never[]) => T): T => deps.modules.get(type, { strict: false });
  const ids = DEMO_ASSOCIATION_IDS;
  const present = await get(AssociationDirectory).fundFacts({
    ids: [ids.jjvvCentro, ids.jjvvCompanias, ids.barrioPatrimonial],
  });
  if (present.length < 3) return [];
  const facts = new Map(present.map((a) => [a.id, a]));

  // board terms (the juntas were registered in force without one): through the boards' own rules
  await boardOnce(deps, get, ids.jjvvCentro, '2025-04-01', facts.get(ids.jjvvCentro)!.boardEndsOn);
  await boardOnce(deps, get, ids.jjvvCompanias, '2023-10-31', facts.get(ids.jjvvCompanias)!.boardEndsOn);

  // the public funds registry, declared by the centre's officers
  const declarations = get(FundDeclarationsService);
  if (!(await declarations.listFor({ associationId: ids.jjvvCentro })).length)
    await declarations.record(
      deps.admin,
      { associationId: ids.jjvvCentro },
      { kind: 'public_funds_registry', value: true, declaredOn: '2019-06-10' },
    );

  // Barrio Patrimonial registered as a receiver of public funds once constituted (with its RUT, recorded by the
  // municipality at the load): so it may apply to the Fondo Social, not to calls asking 2 years (FFOIP)
  if (!(await declarations.listFor({ associationId: ids.barrioPatrimonial })).length)
    await declarations.record(
      deps.admin,
      { associationId: ids.barrioPatrimonial },
      { kind: 'public_funds_registry', value: true, declaredOn: localDate(deps.clock.now(), 'America/Santiago') },
    );

  // last year's FONDEVE, closed, with the centre's award and its overdue expense report
  const em = deps.manager;
  if (!(await em.findOneBy(FundCall, { id: FONDEVE_2025 }))) {
    const { institution } = await get(InstitutionsService).findOrCreate(
      deps.admin,
      { name: 'Municipalidad de La Serena', kind: 'municipality', communeCode: '04101' },
      {},
      em,
    );
    await em.save(
      em.create(FundCall, {
        id: FONDEVE_2025,
        institutionId: institution.id,
        name: 'FONDEVE La Serena 2025',
        year: 2025,
        scope: 'communal',
        regionCodes: [],
        communeCodes: ['04101'],
        category: 'social',
        targetApplicant: 'organizations',
        associationKinds: ['neighbourhood_council'],
        amountMinClp: 300_000,
        amountMaxClp: 1_500_000,
        opensAt: new Date('2025-04-01T12:00:00Z'),
        closesAt: new Date('2025-05-15T21:00:00Z'),
        timeZone: 'America/Santiago',
        requirements: { legalPersonalityInForce: true, boardInForce: true, noPendingExpenseReport: true },
        description: 'Fondo de Desarrollo Vecinal 2025 de la Municipalidad de La Serena (convocatoria cerrada).',
        ownerCommuneCode: '04101',
      }),
    );
  }
  if (!(await em.findOneBy(FundApplication, { id: OVERDUE_AWARD })))
    await em.save(
      em.create(FundApplication, {
        id: OVERDUE_AWARD,
        fundCallId: FONDEVE_2025,
        associationId: ids.jjvvCentro,
        status: 'awarded',
        amountRequestedClp: 1_400_000,
        amountAwardedClp: 1_200_000,
        awardedOn: '2025-06-16',
        expenseReportDueOn: '2025-12-15',
      }),
    );

  // Barrio Patrimonial prepares an application to an open call for organisations of its region
  const applications = get(FundApplicationsService);
  if (!(await applications.listFor({ associationId: ids.barrioPatrimonial })).length) {
    const [open] = await em.query(
      `SELECT id FROM fund_call WHERE target_applicant = 'organizations' AND opens_at <= $1 AND closes_at > $1
          AND (scope = 'national' OR '04' = ANY(region_codes) OR '04101' = ANY(commune_codes))
          AND (association_kinds IS NULL OR 'functional_organization' = ANY(association_kinds))
        ORDER BY closes_at DESC LIMIT 1`,
      [deps.clock.now()],
    );
    if (open)
      await applications.create(deps.admin, open.id, {
        associationId: ids.barrioPatrimonial,
        amountRequestedClp: 4_500_000,
        status: 'preparing',
      });
  }
  void get(FundMatchingFacts);
  return [];
}

/** A definitive board of five of the roster's members from `startsOn` (three years), unless one is recorded. */
async function boardOnce(
  deps: EventsDemoDeps,
  get: <T>(type: new (...args: never[]) => T) => T,
  associationId: string,
  startsOn: string,
  current: string | null,
): Promise<void> {
  if (current) return;
  const members = await get(AssociationDirectory).activeMembers(associationId);
  if (members.length < 5) return;
  const posts = ['president', 'secretary', 'treasurer', 'director', 'director'] as const;
  try {
    await get(BoardsService).record(
      deps.admin,
      associationId,
      {
        kind: 'definitive',
        startsOn,
        seats: posts.map((position, i) => ({ position, memberId: members[i].membershipId, declaredEligible: true })),
      },
      {},
    );
  } catch (err) {
    // the demo goes on without it (the matching then says "Sin directorio registrado")
    log.warn(
      `Directorio de demostración no registrado (${associationId}, ${localDate(deps.clock.now(), 'UTC')}): ${String(err)}`,
    );
  }
}
