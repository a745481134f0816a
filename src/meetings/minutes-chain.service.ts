import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuditContext } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import type { Minutes } from './entities/minutes.entity';
import { minutesHash } from './acta';
import { MeetingBodies } from './meeting-bodies';
import { MeetingException } from './meetings.exception';
import { meetingTexts } from './meetings.messages';
import { type Book, MinutesRepository } from './minutes.repository';
import { mayReadDrafts } from './minutes-views.service';

export interface ChainCheck {
  ok: boolean;
  checked: number;
  problems: { book: Book; number: number; problem: string }[];
}

/** SECURITY.md "Records integrity": the chain of approved actas checked from what is stored. */
@Injectable()
export class MinutesChain {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: MinutesRepository,
    private readonly bodies: MeetingBodies,
  ) {}

  /** The chain check for an actor (officers and the municipality). */
  async chainFor(actor: Actor, associationId: string, context: AuditContext): Promise<ChainCheck> {
    const { association, rights } = await this.bodies.associations.load(actor, associationId, 'read', context);
    if (!mayReadDrafts(rights)) throw MeetingException.forbidden(meetingTexts.forbiddenHere());
    return this.verifyChain(association.id);
  }

  /** Associations with at least one approved acta (for the chain check of every association). */
  associationsWithActas(): Promise<{ id: string; name: string }[]> {
    return this.dataSource.query(
      `SELECT a.id, a.name FROM association a WHERE EXISTS (SELECT 1 FROM minutes m WHERE m.association_id = a.id AND m.status = 'approved') ORDER BY a.name`,
    );
  }

  /**
   * DOM-MTG-9, SECURITY.md: recomputes every approved acta's hash from what is stored (the row, its agreements and
   * amendments) and follows the links: numbers 1..n without gaps, each previous hash the previous acta's hash.
   * A change made behind the app's back (even with the trigger disabled) breaks it.
   */
  async verifyChain(associationId: string): Promise<ChainCheck> {
    const problems: ChainCheck['problems'] = [];
    let checked = 0;
    for (const book of ['assembly', 'board'] as const) {
      const chain = await this.repo.approvedChain({ associationId, tableId: null }, book);
      let previous: Minutes | null = null;
      for (const m of chain) {
        const number = m.number as number;
        const add = (problem: string) => problems.push({ book, number, problem });
        if (number !== (previous?.number ?? 0) + 1) add(`se esperaba el acta N° ${(previous?.number ?? 0) + 1}`);
        if (
          (m.previousHash ?? null) !== (previous?.contentHash ?? null) ||
          (m.previousMinutesId ?? null) !== (previous?.id ?? null)
        )
          add('no enlaza con el acta anterior');
        const agreements = await this.repo.agreements(m.id);
        const amendments = (await this.repo.amendments(m.id)).map((a) => ({
          amendsMinutesId: a.amendsMinutesId,
          text: a.text,
        }));
        const hash = minutesHash({
          id: m.id,
          meetingId: m.meetingId,
          associationId: m.associationId,
          tableId: m.tableId,
          book: m.book,
          number,
          items: m.items,
          snapshot: m.snapshot,
          agreements,
          amendments,
          approvedAt: m.approvedAt as Date,
          approvedBy: m.approvedBy,
          approverName: m.approverName,
          approverPosition: m.approverPosition,
          previousHash: m.previousHash,
          previousMinutesId: m.previousMinutesId,
        });
        if (hash !== m.contentHash) add('su contenido cambió después de aprobada (el hash no coincide)');
        const document = m.documentId ? await this.repo.documentHashes(m.documentId) : null;
        if (!document || document.recorded !== document.actual) add('su PDF emitido falta o cambió');
        previous = m;
        checked++;
      }
    }
    return { ok: problems.length === 0, checked, problems };
  }
}
