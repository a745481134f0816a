import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../../common/secret-hash';
import { DataSource, IsNull } from 'typeorm';
import { AssociationAccess } from '../../associations/association-access';
import { AuditContext, AuditService } from '../../audit/audit.service';
import type { Actor } from '../../common/access/actor';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { buildIcsFeed, type CalendarEvent } from '../../mail/ics';
import { FundFeed } from './entities/fund-feed.entity';
import { FundSubscription } from './entities/fund-subscription.entity';
import type { FundCall } from './entities/fund-call.entity';
import { FundCallsService } from './fund-calls.service';
import { FundMatchingService } from './fund-matching.service';
import { FundException } from './funds.exception';
import { fundTexts } from './funds.messages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An address as shown once: the https URL and the webcal:// one a phone subscribes to. */
export interface FeedAddress {
  id: string;
  url: string;
  webcalUrl: string;
}

/**
 * Subscriptions to a call's reminders and the ICS feeds of fund calls (DOM-FND-3, issue 18 item 5): a secret address
 * per association (the calls it is eligible for or may be: `eligible` and `unknown`) or per user (the calls matching
 * the associations they are an officer of, and those they subscribed to). Only the token's SHA-256 is stored; the
 * address is shown once; revoking it makes it answer 404; a new address revokes the owner's previous one.
 */
@Injectable()
export class FundFeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calls: FundCallsService,
    private readonly matching: FundMatchingService,
    private readonly associations: AssociationAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ---- subscriptions (the reminders before a call closes) ----

  async subscribe(actor: Actor, callId: string): Promise<{ subscribed: true }> {
    const call = await this.calls.find(callId);
    if (!call) throw FundException.notFound();
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(FundSubscription)
      .values({ fundCallId: call.id, userId: actor.id })
      .orIgnore()
      .execute();
    return { subscribed: true };
  }

  async unsubscribe(actor: Actor, callId: string): Promise<{ subscribed: false }> {
    if (UUID.test(callId))
      await this.dataSource.manager.delete(FundSubscription, { fundCallId: callId, userId: actor.id });
    return { subscribed: false };
  }

  async isSubscribed(userId: string, callId: string): Promise<boolean> {
    return UUID.test(callId) && this.dataSource.manager.existsBy(FundSubscription, { fundCallId: callId, userId });
  }

  // ---- feeds ----

  /**
   * A new secret address for the actor's own calendar, or for an association they are an officer of (an officer of
   * another association gets 404). The previous address of the same owner stops working.
   */
  async create(actor: Actor, associationId: string | undefined, context: AuditContext): Promise<FeedAddress> {
    if (associationId) await this.associations.load(actor, associationId, 'meetings', context);
    const token = randomBytes(24).toString('base64url');
    const id = await this.dataSource.transaction(async (em) => {
      const owner = associationId ? { associationId, userId: null } : { associationId: null, userId: actor.id };
      await em
        .createQueryBuilder()
        .update(FundFeed)
        .set({ revokedAt: this.clock.now() })
        .where(owner.associationId ? 'association_id = :a' : 'user_id = :u', {
          a: owner.associationId,
          u: owner.userId,
        })
        .andWhere('revoked_at IS NULL')
        .execute();
      const saved = await em.save(
        FundFeed,
        em.create(FundFeed, { ...owner, tokenHash: sha256Hex(token), createdBy: actor.id }),
      );
      await this.audit.record(
        context,
        {
          action: 'fund_feed.created',
          objectType: 'fund_feed',
          objectId: saved.id,
          scopeType: associationId ? 'association' : 'platform',
          scopeId: associationId,
        },
        em,
      );
      return saved.id;
    });
    const url = `${this.config.publicUrl}/fondos/calendario/${token}.ics`;
    return { id, url, webcalUrl: url.replace(/^https?:\/\//, 'webcal://') };
  }

  /** Revokes an address: its owner (the user, or an officer of the association) or nobody (404). */
  async revoke(actor: Actor, feedId: string, context: AuditContext): Promise<{ revoked: true }> {
    const feed = UUID.test(feedId) ? await this.dataSource.manager.findOneBy(FundFeed, { id: feedId }) : null;
    if (!feed) throw FundException.notFound();
    if (feed.userId && feed.userId !== actor.id) throw FundException.notFound();
    if (feed.associationId) await this.associations.load(actor, feed.associationId, 'meetings', context);
    await this.dataSource.transaction(async (em) => {
      await em.update(FundFeed, { id: feed.id }, { revokedAt: feed.revokedAt ?? this.clock.now() });
      await this.audit.record(
        context,
        {
          action: 'fund_feed.revoked',
          objectType: 'fund_feed',
          objectId: feed.id,
          scopeType: feed.associationId ? 'association' : 'platform',
          scopeId: feed.associationId ?? undefined,
        },
        em,
      );
    });
    return { revoked: true };
  }

  /** The actor's own address, if any (its id, to revoke it; the address itself was shown once). */
  async ownFeed(userId: string): Promise<{ id: string; createdAt: Date } | null> {
    const feed = await this.dataSource.manager.findOne(FundFeed, {
      where: { userId, revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
    return feed ? { id: feed.id, createdAt: feed.createdAt } : null;
  }

  /** The ICS of a secret address; an unknown or revoked one is 404 (FEED_REVOKED says which in the detail). */
  async ics(token: string): Promise<{ filename: string; ics: string }> {
    const feed = /^[A-Za-z0-9_-]{20,64}$/.test(token)
      ? await this.dataSource.manager.findOneBy(FundFeed, { tokenHash: sha256Hex(token) })
      : null;
    if (!feed) throw FundException.notFound();
    if (feed.revokedAt) throw new FundException('FEED_REVOKED', fundTexts.feedRevoked(), 404);
    const ids = new Set<string>();
    const associationIds = feed.associationId
      ? [feed.associationId]
      : await this.officerAssociations(feed.userId as string);
    for (const a of associationIds) {
      for (const m of await this.matching.allMatchesOfAssociation(a))
        if (m.eligibility !== 'not_eligible' && m.state !== 'closed') ids.add(m.fundCallId);
    }
    if (feed.userId) {
      const subs = await this.dataSource.manager.findBy(FundSubscription, { userId: feed.userId });
      for (const s of subs) ids.add(s.fundCallId);
    }
    const calls = (await Promise.all([...ids].map((id) => this.calls.find(id)))).filter((c): c is FundCall => !!c);
    const events: CalendarEvent[] = calls
      .sort((a, b) => a.closesAt.getTime() - b.closesAt.getTime())
      .map((c) => ({
        uid: `fund-call-${c.id}@quorum`,
        title: `${c.name} (cierra)`,
        description: `${c.institution?.name ?? ''}. Postulación abierta hasta el cierre.`,
        url: `${this.config.publicUrl}/fondos/${c.id}`,
        start: c.opensAt,
        end: c.closesAt,
        sequence: c.version,
      }));
    // DOM-FND-3: each call an event from open to close with an alarm a day before the close
    const ics = buildIcsFeed('Fondos concursables', events).replace(
      /END:VEVENT/g,
      'BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Cierra mañana\r\nTRIGGER;RELATED=END:-P1D\r\nEND:VALARM\r\nEND:VEVENT',
    );
    return { filename: 'fondos.ics', ics };
  }

  /** The associations where the user holds the association_officer role. */
  private async officerAssociations(userId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT scope_id AS id FROM role_assignment WHERE user_id = $1 AND role = 'association_officer' AND scope_id IS NOT NULL`,
      [userId],
    );
    return rows.map((r) => r.id);
  }
}
