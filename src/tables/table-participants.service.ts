import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import type { FieldError } from '../common/errors/domain.exception';
import { foldForSearch } from '../common/text';
import { INSTITUTION_KINDS, type InstitutionKind } from '../institutions/entities/institution.entity';
import { InstitutionsService, type InstitutionView } from '../institutions/institutions.service';
import { TableAxis, TableAxisMember } from './entities/table-axis.entity';
import { COUNCIL_SEATS, type CouncilSeat, TableParticipant } from './entities/table-participant.entity';
import { requiredTableText, TableAccess, tableAuditEntry } from './table-access.service';
import { TableException } from './tables.exception';
import { tableTexts } from './tables.messages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Who sits at a table (DOMAIN.md §6, DOM-TBL-1, -2): representatives of institutions (not users), an institution
 * reused by name or registered on the way, a council's seats as the law gives them, and the table's axes with
 * their members.
 */
@Injectable()
export class TableParticipantsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly institutions: InstitutionsService,
    private readonly access: TableAccess,
  ) {}

  /**
   * POST /api/v1/tables/:id/participants: a representative of an institution (given by id, or by name: reused
   * or created with its kind), with role and contact; not a user.
   */
  async addParticipant(
    actor: Actor,
    tableId: string,
    input: {
      institutionId?: string;
      institutionName?: string;
      institutionKind?: string;
      name?: string;
      email?: string;
      phone?: string;
      role?: string;
      councilSeat?: string;
    },
    context: AuditContext,
  ) {
    const { table } = await this.access.load(actor, tableId, 'manage', context);
    const errors: FieldError[] = [];
    // DOM-TBL-2: a council's seats; at most two councillors sit (reference SEC-03)
    const councilSeat = input.councilSeat ? (input.councilSeat as CouncilSeat) : null;
    if (councilSeat && !table.securityCouncil)
      errors.push(TableException.fieldError('councilSeat', tableTexts.councilSeatOnlyCouncil()));
    else if (councilSeat && !Object.hasOwn(COUNCIL_SEATS, councilSeat))
      errors.push(
        TableException.fieldError(
          'councilSeat',
          tableTexts.councilSeatInvalid({ seats: Object.keys(COUNCIL_SEATS).join(', ') }),
        ),
      );
    const name = requiredTableText(input.name, 'name', 200, errors);
    const role = input.role ? requiredTableText(input.role, 'role', 200, errors) : null;
    const email = input.email ? requiredTableText(input.email, 'email', 200, errors).toLowerCase() : null;
    if (email && !EMAIL.test(email))
      errors.push(TableException.fieldError('email', tableTexts.emailInvalid({ field: 'email' })));
    const phone = input.phone ? requiredTableText(input.phone, 'phone', 40, errors) : null;
    let institution: InstitutionView | null = null;
    if (input.institutionId) {
      institution = await this.institutions.findById(input.institutionId);
      if (!institution)
        errors.push(
          TableException.fieldError('institutionId', tableTexts.institutionUnregistered({ field: 'institutionId' })),
        );
    } else {
      const institutionName = requiredTableText(input.institutionName, 'institutionName', 200, errors);
      if (institutionName) {
        // reused by name: the table's commune's first, then a national or regional one
        institution = await this.institutions.findByName(institutionName, table.communeCode);
        if (!institution && !INSTITUTION_KINDS.includes(input.institutionKind as InstitutionKind)) {
          errors.push(
            TableException.fieldError(
              'institutionKind',
              tableTexts.institutionKindMissing({ name: institutionName, kinds: INSTITUTION_KINDS.join(', ') }),
            ),
          );
        }
      }
    }
    if (errors.length) throw TableException.invalid(errors);
    const participant = await this.dataSource.transaction(async (em) => {
      if (councilSeat === 'councillor') {
        // one writer at a time on the table: the law's two councillors hold under concurrent requests
        await em.query(`SELECT id FROM mesa WHERE id = $1 FOR UPDATE`, [table.id]);
        const [{ n }] = await em.query(
          `SELECT count(*)::int AS n FROM table_participant WHERE table_id = $1 AND council_seat = 'councillor' AND left_at IS NULL`,
          [table.id],
        );
        if (n >= COUNCIL_SEATS.councillor)
          throw TableException.rule('COUNCIL_SEAT_FULL', tableTexts.councilFull(), 'councilSeat');
      }
      if (!institution) {
        institution = (
          await this.institutions.findOrCreate(
            actor,
            {
              name: (input.institutionName as string).trim(),
              kind: input.institutionKind as InstitutionKind,
              communeCode: table.communeCode,
            },
            context,
            em,
          )
        ).institution;
      }
      const saved = await em.save(
        TableParticipant,
        em.create(TableParticipant, {
          tableId: table.id,
          institutionId: institution.id,
          name,
          role,
          email,
          phone,
          councilSeat,
        }),
      );
      await this.audit.record(
        context,
        tableAuditEntry(table, 'table.participant_added', { participantId: saved.id, institutionId: institution.id }),
        em,
      );
      return saved;
    });
    const inst = institution as unknown as InstitutionView;
    return {
      id: participant.id,
      tableId: table.id,
      institutionId: inst.id,
      institution: inst,
      name,
      role,
      email,
      phone,
      councilSeat,
    };
  }

  /** POST /api/v1/tables/:id/axes: an axis with its members (participants of the table). */
  async addAxis(
    actor: Actor,
    tableId: string,
    input: { name?: string; participantIds?: string[] },
    context: AuditContext,
  ) {
    const { table } = await this.access.load(actor, tableId, 'manage', context);
    const errors: FieldError[] = [];
    const name = requiredTableText(input.name, 'name', 200, errors);
    const ids = Array.isArray(input.participantIds) ? input.participantIds.map(String) : [];
    if (input.participantIds !== undefined && !Array.isArray(input.participantIds))
      errors.push(TableException.fieldError('participantIds', tableTexts.participantIdsList()));
    const valid = ids.length
      ? await this.dataSource
          .getRepository(TableParticipant)
          .createQueryBuilder('p')
          .where('p.table_id = :t AND p.id = ANY(:ids)', { t: table.id, ids: ids.filter((i) => UUID.test(i)) })
          .getMany()
      : [];
    ids.forEach((id, i) => {
      if (!valid.some((p) => p.id === id))
        errors.push(
          TableException.fieldError(`participantIds[${i}]`, tableTexts.notParticipant({ at: `participantIds[${i}]` })),
        );
    });
    if (errors.length) throw TableException.invalid(errors);
    const axis = await this.dataSource.transaction(async (em) => {
      // under the table's lock: two people adding the same axis at once get one axis and a message
      await em.query(`SELECT id FROM mesa WHERE id = $1 FOR UPDATE`, [table.id]);
      if (await em.getRepository(TableAxis).findOneBy({ tableId: table.id, nameKey: foldForSearch(name) }))
        throw TableException.field('name', tableTexts.axisExists({ name }));
      const saved = await em.save(
        TableAxis,
        em.create(TableAxis, { tableId: table.id, name, nameKey: foldForSearch(name) }),
      );
      if (valid.length)
        await em.insert(
          TableAxisMember,
          [...new Set(valid.map((p) => p.id))].map((participantId) => ({ axisId: saved.id, participantId })),
        );
      await this.audit.record(context, tableAuditEntry(table, 'table.axis_added', { axisId: saved.id, name }), em);
      return saved;
    });
    return { id: axis.id, tableId: table.id, name, participantIds: [...new Set(valid.map((p) => p.id))] };
  }
}
