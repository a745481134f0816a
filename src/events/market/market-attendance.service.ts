import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../../audit/audit.service';
import type { Actor } from '../../common/access/actor';
import { Clock } from '../../common/clock';
import { formatDate, localDate } from '../../common/format/dates';
import { MarketSlot, type SlotAttendance } from './entities/market-slot.entity';
import { MarketException } from './market.exception';
import { marketOperationsTexts } from './market-operations.messages';
import { MarketOfferService } from './market-offer.service';
import { weeksOfMonth } from './allocation';
import { MarketAllocationService, type MonthView } from './market-allocation.service';
import { MarketVenuesService } from './market-venues.service';
import type { MarketVenue } from './entities/market-venue.entity';
import { inVenueProgram, standDetails } from './market-audit';

/** What the officer's phone page shows: one week of a month, its stands, and the other weeks to move to. */
export interface AttendanceWeekPage {
  venue: Pick<MarketVenue, 'id' | 'name' | 'address'>;
  month: string;
  published: boolean;
  weeks: { startsOn: string; endsOn: string }[];
  week: { startsOn: string; endsOn: string } | null;
  started: boolean;
  stands: MonthView['weeks'][number]['stands'];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface AttendanceMark {
  slotId: string;
  weekStartsOn: string;
  stand: number;
  attendance: SlotAttendance;
  markedAt: string;
}

/**
 * DOM-MKT-4: attendance per stand and week (`attended`, `excused`, `no_show`), marked from the week's first day
 * (in the venue's zone) on; a `no_show` counts in the next allocations' order (MarketAllocationService.history
 * reads market_slot.attendance). A cancelled stand has no attendance.
 */
@Injectable()
export class MarketAttendanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly slots: MarketOfferService,
    private readonly venues: MarketVenuesService,
    private readonly allocation: MarketAllocationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The week's stands for the phone page (this week by default, in the venue's zone). */
  async weekPage(actor: Actor, venueId: string, month: string, week: string): Promise<AttendanceWeekPage> {
    const venue = await this.venues.load(actor, venueId);
    const today = localDate(this.clock.now(), venue.timeZone || 'America/Santiago');
    const m = MONTH.test(month) ? month : today.slice(0, 7);
    const weeks = weeksOfMonth(m, venue.ownDates);
    const current =
      weeks.find((w) => w.startsOn === week) ??
      weeks.find((w) => w.startsOn <= today && today <= w.endsOn) ??
      weeks[0] ??
      null;
    const view = await this.allocation.monthOf(venue, m);
    return {
      venue: { id: venue.id, name: venue.name, address: venue.address },
      month: m,
      published: view.published,
      weeks,
      week: current,
      started: !!current && today >= current.startsOn,
      stands: view.weeks.find((w) => w.startsOn === current?.startsOn)?.stands ?? [],
    };
  }

  async mark(
    actor: Actor,
    slotId: string,
    status: SlotAttendance,
    context: AuditContext = {},
  ): Promise<AttendanceMark> {
    const { slot, venue } = await this.slots.loadSlot(actor, slotId);
    const today = localDate(this.clock.now(), venue.timeZone || 'America/Santiago');
    if (slot.status === 'cancelled')
      throw MarketException.conflict(
        'SLOT_CANCELLED',
        marketOperationsTexts.slotCancelled({ date: formatDate(slot.cancelledAt, venue.timeZone) }),
      );
    // DOM-MKT-4: a week that has not started cannot have been attended nor missed
    if (today < slot.weekStartsOn)
      throw MarketException.rule(
        'WEEK_NOT_STARTED',
        marketOperationsTexts.weekNotStarted({ week: formatDate(slot.weekStartsOn) }),
        'status',
      );
    const now = this.clock.now();
    await this.dataSource.transaction(async (em) => {
      await em.update(
        MarketSlot,
        { id: slot.id },
        { attendance: status, attendanceMarkedAt: now, attendanceMarkedBy: actor.id },
      );
      await this.audit.record(
        { ...context, userId: actor.id },
        inVenueProgram(venue, 'market.attendance.marked', 'market_slot', slot.id, { ...standDetails(slot), status }),
        em,
      );
    });
    return {
      slotId: slot.id,
      weekStartsOn: slot.weekStartsOn,
      stand: slot.stand,
      attendance: status,
      markedAt: now.toISOString(),
    };
  }
}
