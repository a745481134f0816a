import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../common/secret-hash';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { buildIcsFeed, type CalendarEvent } from '../mail/ics';
import { MeetingBodies, type MeetingAssociation } from './meeting-bodies';
import { MeetingsRepository } from './meetings.repository';
import { CALENDAR_MINUTES } from './meetings.service';

/** The feed carries the last half year and the next 13 months. */
const FEED_PAST_DAYS = 183;
const FEED_FUTURE_DAYS = 400;

/**
 * An association's secret calendar address (DOM-MTG-1): one per association, only its SHA-256 stored, shown once;
 * a new one revokes the old; a phone calendar subscribes to it and sees the meetings, never member data.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: MeetingsRepository,
    private readonly bodies: MeetingBodies,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new secret address for the association's ICS feed (the previous one stops working); shown once. */
  async newFeed(actor: Actor, associationId: string, context: AuditContext): Promise<{ url: string }> {
    const { association } = await this.bodies.associations.load(actor, associationId, 'meetings', context);
    const token = randomBytes(24).toString('base64url');
    await this.dataSource.transaction(async (em) => {
      await this.repo.replaceFeed(association.id, sha256Hex(token), actor.id, this.clock.now(), em);
      await this.audit.record(
        context,
        {
          action: 'meeting.feed_created',
          objectType: 'association',
          objectId: association.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
        },
        em,
      );
    });
    return { url: this.feedUrl(token) };
  }

  async revokeFeed(actor: Actor, associationId: string, context: AuditContext): Promise<{ revoked: number }> {
    const { association } = await this.bodies.associations.load(actor, associationId, 'meetings', context);
    const revoked = await this.dataSource.transaction(async (em) => {
      const n = await this.repo.revokeFeeds(association.id, this.clock.now(), em);
      await this.audit.record(
        context,
        {
          action: 'meeting.feed_revoked',
          objectType: 'association',
          objectId: association.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
        },
        em,
      );
      return n;
    });
    return { revoked };
  }

  async hasFeed(associationId: string): Promise<boolean> {
    return !!(await this.repo.activeFeed(associationId));
  }

  /** The ICS of a feed token: the association's meetings of the last half year and the next 13 months; null if unknown or revoked. */
  async feed(token: string): Promise<{ filename: string; ics: string } | null> {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
    const feed = await this.repo.feedByHash(sha256Hex(token));
    if (!feed) return null;
    const association = (await this.bodies.associations.find(feed.associationId)) as MeetingAssociation;
    const now = this.clock.now();
    const meetings = await this.repo.meetingsOf(
      association.id,
      new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000),
      new Date(now.getTime() + FEED_FUTURE_DAYS * 86_400_000),
    );
    const host = new URL(this.config.publicUrl).hostname;
    const events: CalendarEvent[] = meetings.map((m) => ({
      uid: `meeting-${m.id}@${host}`,
      title: `${m.kind === 'extraordinary' ? 'Asamblea extraordinaria' : 'Reunión'}: ${association.name}`,
      description:
        [
          m.onlineUrl ? `En línea: ${m.onlineUrl}` : null,
          m.status === 'cancelled' ? `Cancelada: ${m.cancelledReason ?? ''}` : null,
        ]
          .filter(Boolean)
          .join('\n') || undefined,
      location: m.place, // the online link goes in the description: the ics library refuses some valid URLs
      start: m.startsAt,
      end: new Date(m.startsAt.getTime() + CALENDAR_MINUTES * 60_000),
      sequence: m.sequence,
      status: m.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    }));
    return { filename: 'reuniones.ics', ics: buildIcsFeed(`Reuniones de ${association.name}`, events) };
  }

  private feedUrl(token: string): string {
    return `${this.config.publicUrl.replace(/\/$/, '')}/calendario/${token}.ics`;
  }
}
