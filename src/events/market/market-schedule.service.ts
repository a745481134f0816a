import { downloadName } from '../../common/format/file-name';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/access/actor';
import { Clock } from '../../common/clock';
import { formatDate } from '../../common/format/dates';
import { PdfRenderer } from '../../documents/pdf-renderer';
import type { PdfBlock } from '../../documents/pdf-spec';
import { MarketAllocationService } from './market-allocation.service';
import { MarketVenuesService } from './market-venues.service';

const MONTHS_ES = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
];

/** "marzo de 2027" from 2027-03. */
export const monthName = (month: string) => `${MONTHS_ES[Number(month.slice(5, 7)) - 1]} de ${month.slice(0, 4)}`;

/**
 * DOM-MKT-4: the month's schedule as a PDF for the venue (the mall's administration): each week with its stands,
 * business names and categories only (no person names, RUTs or e-mails). A month not yet published carries BORRADOR.
 */
@Injectable()
export class MarketScheduleService {
  constructor(
    private readonly venues: MarketVenuesService,
    private readonly allocation: MarketAllocationService,
    private readonly pdf: PdfRenderer,
    private readonly clock: Clock,
  ) {}

  async schedule(actor: Actor, venueId: string, month: string): Promise<{ filename: string; content: Buffer }> {
    const venue = await this.venues.load(actor, venueId);
    const view = await this.allocation.monthOf(venue, month);
    const blocks: PdfBlock[] = [];
    for (const week of view.weeks) {
      blocks.push({ type: 'heading', text: `Semana del ${formatDate(week.startsOn)} al ${formatDate(week.endsOn)}` });
      const live = week.stands.filter((s) => s.status === 'assigned');
      if (live.length)
        blocks.push({
          type: 'table',
          columns: [
            { header: 'Puesto', width: 60, align: 'center' },
            { header: 'Negocio', width: 260 },
            { header: 'Rubro', width: 180 },
          ],
          rows: live.map((s) => [String(s.stand), s.businessName, s.category]),
        });
      else blocks.push({ type: 'paragraph', text: 'Sin puestos asignados.' });
    }
    if (!view.weeks.length) blocks.push({ type: 'paragraph', text: 'El mes no tiene puestos asignados.' });
    const content = await this.pdf.render({
      organisation: { name: venue.name, detail: venue.address },
      title: `Programa de ${monthName(month)}`,
      subtitle: `${venue.standsPerWeek} puestos por semana`,
      blocks,
      watermark: view.published ? undefined : 'BORRADOR',
      createdAt: this.clock.now(),
    });
    return { filename: downloadName('programa', month, venue.name, 'pdf'), content };
  }
}
