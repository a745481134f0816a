import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { localDate } from '../common/format/dates';
import { type MunicipalityContext, TerritoryService } from '../territory/territory.service';
import { MeetingException } from './meetings.exception';
import { meetingTexts } from './meetings.messages';

/** The municipality a body's meetings follow (its zone and its statute settings) and its local date today. */
@Injectable()
export class MeetingsCalendar {
  constructor(
    private readonly territory: TerritoryService,
    private readonly clock: Clock,
  ) {}

  async municipality(communeCode: string, em?: EntityManager): Promise<MunicipalityContext> {
    const m = await this.territory.municipalityContext(communeCode, em);
    if (!m) throw MeetingException.field('communeCode', meetingTexts.communeUnknown({ communeCode }));
    return m;
  }

  /** DOM-FMT-2: today's date in the municipality's time zone. */
  today(municipality: { timeZone: string }): string {
    return localDate(this.clock.now(), municipality.timeZone);
  }
}
