import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Consent, type ConsentRecipient } from './entities/consent.entity';

/** Whose data: a person's own, or an association's roster. */
export type ConsentSubject =
  { personId: string; associationId?: undefined } | { associationId: string; personId?: undefined };

export interface ConsentView {
  id: string;
  textVersion: string;
  grantedAt: Date;
  grantedBy: string;
  grantedByName: string;
  withdrawnAt: Date | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const view = (c: Consent): ConsentView => ({
  id: c.id,
  textVersion: c.textVersion,
  grantedAt: c.grantedAt,
  grantedBy: c.grantedBy,
  grantedByName: c.grantedByName,
  withdrawnAt: c.withdrawnAt,
});

/**
 * Consent records (DOM-DATA-2, DOM-PRG-3) on the platform floor: the programs module asks here whether a roster or a
 * person's data may be read, and records a sharing or its withdrawal in the caller's transaction (with its audit
 * row). A withdrawal takes effect at once: `active` reads the database every time.
 */
@Injectable()
export class ConsentRegistry {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The subject's and recipient's columns; exactly one subject, ids that are UUIDs (never a condition TypeORM would drop). */
  private where(subject: ConsentSubject, recipient: { type: ConsentRecipient; id: string }) {
    const ids = [subject.personId, subject.associationId].filter((id) => id !== undefined && id !== null);
    if (ids.length !== 1 || !UUID.test(ids[0] as string) || !UUID.test(recipient.id)) {
      throw new TypeError('A consent names exactly one subject (a person or an association) and a recipient, by id.');
    }
    return {
      ...(subject.personId ? { personId: subject.personId } : { associationId: subject.associationId as string }),
      recipientType: recipient.type,
      recipientId: recipient.id,
    };
  }

  /** The consent in force between this subject and recipient, or null. */
  async active(
    subject: ConsentSubject,
    recipient: { type: ConsentRecipient; id: string },
    em?: EntityManager,
  ): Promise<ConsentView | null> {
    const found = await (em ?? this.dataSource.manager).findOneBy(Consent, {
      ...this.where(subject, recipient),
      withdrawnAt: IsNull(),
    });
    return found ? view(found) : null;
  }

  /**
   * Records a consent (who, when, which text); one already in force for the same text is returned as it is
   * (`created: false`), so a double click, or two requests at once, record one (the partial unique indexes decide).
   * A new text version closes the consent to the old one and records the new.
   */
  async grant(
    subject: ConsentSubject,
    recipient: { type: ConsentRecipient; id: string },
    textVersion: string,
    by: { id: string; name: string },
    at: Date,
    em: EntityManager,
  ): Promise<{ consent: ConsentView; created: boolean }> {
    // agreeing to a new text version closes the consent to the old one: the record says which text was agreed when
    const current = await this.active(subject, recipient, em);
    if (current && current.textVersion === textVersion) return { consent: current, created: false };
    if (current) await this.withdraw(subject, recipient, by, at, em);
    // ON CONFLICT DO NOTHING: a concurrent grant that got there first wins on the partial unique index
    const inserted = await em
      .createQueryBuilder()
      .insert()
      .into(Consent)
      .values({
        ...this.where(subject, recipient),
        personId: subject.personId ?? null,
        associationId: subject.associationId ?? null,
        textVersion,
        grantedBy: by.id,
        grantedByName: by.name,
        grantedAt: at,
      })
      .orIgnore()
      .returning('id')
      .execute();
    const recorded = await this.active(subject, recipient, em);
    if (!recorded) throw new Error('consent neither inserted nor found');
    return { consent: recorded, created: (inserted.raw as { id: string }[]).length > 0 };
  }

  /** Withdraws the consent in force (the row stays, closed); null when there was none. */
  async withdraw(
    subject: ConsentSubject,
    recipient: { type: ConsentRecipient; id: string },
    by: { id: string },
    at: Date,
    em: EntityManager,
  ): Promise<ConsentView | null> {
    const current = await em.findOne(Consent, {
      where: { ...this.where(subject, recipient), withdrawnAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
    if (!current) return null;
    await em.update(Consent, { id: current.id }, { withdrawnAt: at, withdrawnBy: by.id });
    return { ...view(current), withdrawnAt: at };
  }

  /** Every consent between a subject and its recipients, newest first (the history a data-protection request reads). */
  async history(
    subject: ConsentSubject,
    em?: EntityManager,
  ): Promise<(ConsentView & { recipientType: ConsentRecipient; recipientId: string })[]> {
    const rows = await (em ?? this.dataSource.manager).find(Consent, {
      where: subject.personId ? { personId: subject.personId } : { associationId: subject.associationId as string },
      order: { grantedAt: 'DESC' },
    });
    return rows.map((c) => ({ ...view(c), recipientType: c.recipientType, recipientId: c.recipientId }));
  }
}
