import { Injectable } from '@nestjs/common';
import type { AuditContext } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { AssociationAccess, AssociationRights } from './association-access';
import { AssociationException } from './associations.exception';
import { RosterRepository } from './roster.repository';
import { MemberEventView, memberEventView, MemberView, memberView } from './associations.view-model';
import type { Association } from './entities/association.entity';
import { UUID } from './roster-rules';

/**
 * The registro de socios as its pages and the API read it: the roster by page (status and search), a member with
 * their history, and whether the actor may edit it. Its changes are elsewhere: RosterMembersService (adding and
 * editing members), MembershipStatusService (suspending, reactivating, ending), RosterImportService and
 * RosterExportService (files in and out).
 */
@Injectable()
export class RosterService {
  constructor(
    private readonly repo: RosterRepository,
    private readonly access: AssociationAccess,
  ) {}

  async list(
    actor: Actor,
    associationId: string,
    query: { status?: string; q?: string; page?: number; pageSize?: number },
    context: AuditContext = {},
  ): Promise<{ items: MemberView[]; total: number; rights: AssociationRights; association: Association }> {
    const { association, rights } = await this.access.load(actor, associationId, 'readRoster', context);
    const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 200);
    const page = Math.max(query.page ?? 1, 1);
    const { items, total } = await this.repo.rosterPage(
      association.id,
      { status: query.status, q: query.q },
      { offset: (page - 1) * pageSize, limit: pageSize },
    );
    return { items: items.map((r) => memberView(r, rights.seeIdentity)), total, rights, association };
  }

  async get(
    actor: Actor,
    associationId: string,
    memberId: string,
    context: AuditContext = {},
  ): Promise<{ member: MemberView; history: MemberEventView[]; rights: AssociationRights; association: Association }> {
    const { association, rights } = await this.access.load(actor, associationId, 'readRoster', context);
    const row = UUID.test(memberId) ? await this.repo.rosterMember(association.id, memberId) : null;
    if (!row) throw AssociationException.notFound();
    const history = (await this.repo.events(row.id)).map(memberEventView);
    return { member: memberView(row, rights.seeIdentity), history, rights, association };
  }

  /** The association if the actor may edit its roster (403/404 otherwise), for pages that show a roster form. */
  async editable(actor: Actor, associationId: string, context: AuditContext = {}): Promise<Association> {
    return (await this.access.load(actor, associationId, 'editRoster', context)).association;
  }
}
