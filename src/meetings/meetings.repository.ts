import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { CalendarFeed } from './entities/calendar-feed.entity';
import { Meeting } from './entities/meeting.entity';
import { MeetingSeries } from './entities/meeting-series.entity';

/** Named queries of meetings, series and calendar feeds. */
@Injectable()
export class MeetingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  insertSeries(values: Partial<MeetingSeries>, em: EntityManager): Promise<MeetingSeries> {
    return em.save(MeetingSeries, em.create(MeetingSeries, values));
  }

  /** Inserts meetings in one statement; returns them with their ids, in the given order. */
  async insertMeetings(values: Partial<Meeting>[], em: EntityManager): Promise<Meeting[]> {
    if (!values.length) return [];
    const result = await em.createQueryBuilder().insert().into(Meeting).values(values.map((v) => ({ version: 1, ...v }))).returning('id').execute();
    return (result.raw as { id: string }[]).map((r, i) => ({ ...(values[i] as Meeting), id: r.id }));
  }

  findMeeting(id: string, em?: EntityManager): Promise<Meeting | null> {
    return this.m(em).findOneBy(Meeting, { id });
  }

  /** An association's meetings between two instants, in order. */
  meetingsOf(associationId: string, from: Date, to: Date, em?: EntityManager): Promise<Meeting[]> {
    return this.m(em)
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .where('m.association_id = :associationId AND m.starts_at >= :from AND m.starts_at < :to', { associationId, from, to })
      .orderBy('m.starts_at', 'ASC')
      .addOrderBy('m.number', 'ASC')
      .getMany();
  }

  /** Updates a meeting if it still has `version` (optimistic lock); false when someone changed it first. */
  async updateMeeting(id: string, version: number, changes: Partial<Meeting>, em: EntityManager): Promise<boolean> {
    const result = await em.update(Meeting, { id, version }, { ...changes, version: () => 'version + 1' } as never);
    return (result.affected ?? 0) > 0;
  }

  async replaceFeed(associationId: string, tokenHash: string, createdBy: string, now: Date, em: EntityManager): Promise<void> {
    await em.createQueryBuilder().update(CalendarFeed).set({ revokedAt: now }).where('association_id = :associationId AND revoked_at IS NULL', { associationId }).execute();
    await em.insert(CalendarFeed, { associationId, tokenHash, createdBy });
  }

  async revokeFeeds(associationId: string, now: Date, em: EntityManager): Promise<number> {
    const result = await em.createQueryBuilder().update(CalendarFeed).set({ revokedAt: now }).where('association_id = :associationId AND revoked_at IS NULL', { associationId }).execute();
    return result.affected ?? 0;
  }

  activeFeed(associationId: string, em?: EntityManager): Promise<CalendarFeed | null> {
    return this.m(em).findOne(CalendarFeed, { where: { associationId, revokedAt: IsNull() }, order: { createdAt: 'DESC' } });
  }

  feedByHash(tokenHash: string): Promise<CalendarFeed | null> {
    return this.dataSource.getRepository(CalendarFeed).createQueryBuilder('f').where('f.token_hash = :tokenHash AND f.revoked_at IS NULL', { tokenHash }).getOne();
  }
}
