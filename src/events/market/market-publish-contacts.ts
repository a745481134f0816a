import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { addDays, formatDate, instantFromLocal } from '../../common/format/dates';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { CalendarEvent } from '../../mail/ics';
import { PersonRegistry } from '../../people/person-registry.service';
import { BeneficiariesService } from '../../programs/beneficiaries.service';
import type { MarketSlot } from './entities/market-slot.entity';
import type { MarketVenue } from './entities/market-venue.entity';
import { marketOperationsTexts } from './market-operations.messages';

/** An entrepreneur as the market's mails need them: the business, the person's name and e-mail. */
export interface MarketContact {
  beneficiaryId: string;
  businessName: string;
  category: string;
  fullName: string;
  email: string | null;
}

/**
 * Who the market's mails go to (DOM-MKT-3): each beneficiary's person's e-mail, read through the programs' and
 * people's exported services (never their tables), and the calendar event of a week at a venue.
 */
@Injectable()
export class MarketContacts {
  constructor(
    private readonly beneficiaries: BeneficiariesService,
    private readonly people: PersonRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The program's entrepreneurs by beneficiary id, e-mails not yet read. Call it before a transaction: the programs
   * module reads on its own connection (inside a transaction holding the only embedded connection it would wait).
   */
  async directory(programId: string | null): Promise<Map<string, MarketContact & { personId: string }>> {
    const out = new Map<string, MarketContact & { personId: string }>();
    if (!programId) return out;
    for (const b of await this.beneficiaries.rows(programId, {})) {
      out.set(b.id, {
        beneficiaryId: b.id,
        personId: b.personId,
        businessName: b.businessName,
        category: b.businessCategory,
        fullName: b.fullName,
        email: null,
      });
    }
    return out;
  }

  /** Entrepreneurs of a directory with their people's e-mails, read in one query (null e-mail: none, or erased). */
  async withEmails(
    directory: Map<string, MarketContact & { personId: string }>,
    beneficiaryIds: string[],
    em?: EntityManager,
  ): Promise<Map<string, MarketContact>> {
    const entries = beneficiaryIds.map((id) => directory.get(id)).filter((e) => !!e);
    const people = new Map(
      (await this.people.findByIds([...new Set(entries.map((e) => e.personId))], em)).map((p) => [p.id, p]),
    );
    const out = new Map<string, MarketContact>();
    for (const { personId, ...entry } of entries) {
      const person = people.get(personId);
      out.set(entry.beneficiaryId, { ...entry, email: person && !person.erasedAt ? person.email : null });
    }
    return out;
  }

  /** DOM-MKT-3: the week as a calendar event, Monday 00:00 to the next Monday 00:00 in the venue's zone. */
  weekEvent(venue: MarketVenue, slot: Pick<MarketSlot, 'id' | 'weekStartsOn' | 'weekEndsOn' | 'stand'>): CalendarEvent {
    const zone = venue.timeZone || 'America/Santiago';
    const host = new URL(this.config.publicUrl).hostname;
    return {
      uid: `market-slot-${slot.id}@${host}`,
      title: marketOperationsTexts.weekTitle({ venue: venue.name }).es,
      description: `Puesto ${slot.stand}, semana del ${formatDate(slot.weekStartsOn)} al ${formatDate(slot.weekEndsOn)}.`,
      location: venue.address,
      start: instantFromLocal(`${slot.weekStartsOn}T00:00`, zone) as Date,
      end: instantFromLocal(`${addDays(slot.weekEndsOn, 1)}T00:00`, zone) as Date,
    };
  }

  link(path: string): string {
    return `${this.config.publicUrl.replace(/\/$/, '')}${path}`;
  }
}
