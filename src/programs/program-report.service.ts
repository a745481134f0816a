import { downloadName } from '../common/format/file-name';
import { translate } from '../common/i18n/i18n';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AssociationDirectory } from '../associations/association-directory.service';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import { formatDate, localDate } from '../common/format/dates';
import { formatClp } from '../common/format/money';
import { DocumentStore } from '../documents/document-store.service';
import { PdfRenderer } from '../documents/pdf-renderer';
import type { PdfBlock } from '../documents/pdf-spec';
import { BodyStats } from '../meetings/body-stats.service';
import { ProgramsService } from './programs.service';
import { ProgramException } from './programs.exception';

/** `dd-mm-yyyy` of a calendar date (DOM-FMT-1). */
const ddmmyyyy = (date: string) => date.split('-').reverse().join('-');

/**
 * DOM-PRG-7: an enrolled association's yearly report (cuenta pública before the agency and the municipality) as a
 * PDF issued by the document store, so anyone can verify it by its code: meetings held, actas approved, agreements,
 * commitments done and open, benefits received and activities attended in the year.
 */
@Injectable()
export class ProgramReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programs: ProgramsService,
    private readonly directory: AssociationDirectory,
    private readonly stats: BodyStats,
    private readonly documents: DocumentStore,
    private readonly pdf: PdfRenderer,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async report(
    actor: Actor,
    programId: string,
    associationId: string,
    year: number | undefined,
    context: AuditContext,
  ): Promise<{ filename: string; content: Buffer; verificationCode: string }> {
    const program = await this.programs.load(actor, programId, context);
    if (!/^[0-9a-f-]{36}$/i.test(associationId)) throw ProgramException.notFound();
    await this.programs.assertEnrolled(programId, associationId).catch(() => {
      throw ProgramException.notFound();
    });
    const association = (await this.directory.summaries([associationId])).get(associationId);
    if (!association) throw ProgramException.notFound();
    const y = year ?? Number(localDate(this.clock.now(), program.timeZone).slice(0, 4));
    const activity = await this.stats.year(associationId, y);
    const benefits: {
      kind: string;
      amount: number;
      date: string;
      line: string | null;
      description: string | null;
      to: string;
    }[] = await this.dataSource.query(
      `SELECT b.kind, b.amount_clp::float8 AS amount, to_char(b.delivered_on, 'YYYY-MM-DD') AS date, b.line, b.description,
                COALESCE(pb.business_name, 'La organización') AS "to"
           FROM program_benefit b LEFT JOIN program_beneficiary pb ON pb.id = b.beneficiary_id
          WHERE b.program_id = $1 AND (b.association_id = $2 OR pb.association_id = $2)
            AND extract(year FROM b.delivered_on) = $3
          ORDER BY b.delivered_on`,
      [programId, associationId, y],
    );
    const activities: { title: string; date: string; present: number }[] = await this.dataSource.query(
      `SELECT pa.title, to_char(m.starts_at AT TIME ZONE m.time_zone, 'YYYY-MM-DD') AS date,
              count(at.id) FILTER (WHERE at.status = 'present')::int AS present
         FROM program_activity pa JOIN meeting m ON m.id = pa.meeting_id
         JOIN attendance at ON at.meeting_id = m.id
         JOIN program_beneficiary pb ON pb.id = at.beneficiary_id AND pb.association_id = $2
        WHERE pa.program_id = $1 AND extract(year FROM m.starts_at AT TIME ZONE m.time_zone) = $3
        GROUP BY pa.id, pa.title, m.starts_at, m.time_zone
        HAVING count(at.id) FILTER (WHERE at.status = 'present') > 0
        ORDER BY m.starts_at`,
      [programId, associationId, y],
    );
    const total = benefits.reduce((s, b) => s + b.amount, 0);
    const blocks: PdfBlock[] = [
      {
        type: 'keyValues',
        rows: [
          ['Programa', `${program.name} (${program.year})`],
          ['Organización', `${association.name}, ${association.communeName}`],
          ['Año informado', String(y)],
        ],
      },
      { type: 'heading', text: 'Vida de la organización' },
      {
        type: 'keyValues',
        rows: [
          ['Reuniones realizadas', String(activity.meetingsHeld)],
          ['Actas aprobadas', String(activity.actasApproved.length)],
          ['Acuerdos adoptados', String(activity.agreementsAdopted)],
          ['Compromisos cumplidos', String(activity.commitmentsDone)],
          ['Compromisos abiertos', String(activity.commitmentsOpen)],
          ['Socios activos', `${association.membersActive} (mínimo legal ${association.membersMinimum})`],
          [
            'Directiva vigente',
            association.boardInForce ? `Sí, hasta el ${ddmmyyyy(association.boardEndsOn as string)}` : 'No',
          ],
        ],
      },
    ];
    if (activity.actasApproved.length)
      blocks.push({
        type: 'table',
        columns: [
          { header: 'Acta N°', width: 80, align: 'right' },
          { header: 'Fecha', width: 120 },
          { header: 'Acuerdos', width: 100, align: 'right' },
        ],
        rows: activity.actasApproved.map((a) => [String(a.number), ddmmyyyy(a.date), String(a.agreements)]),
      });
    blocks.push({ type: 'heading', text: 'Beneficios recibidos' });
    if (benefits.length)
      blocks.push({
        type: 'table',
        columns: [
          { header: 'Fecha', width: 70 },
          { header: 'Tipo', width: 95 },
          { header: 'Detalle', width: 200 },
          { header: 'Monto', width: 90, align: 'right' },
        ],
        rows: [
          ...benefits.map((b) => [
            ddmmyyyy(b.date),
            translate('es', `programs.benefitKinds.${b.kind}`),
            [b.to, b.description].filter(Boolean).join(': '),
            formatClp(b.amount),
          ]),
          ['', '', 'Total', formatClp(total)],
        ],
      });
    else blocks.push({ type: 'paragraph', text: 'Sin beneficios registrados en el año.' });
    blocks.push({ type: 'heading', text: 'Actividades del programa' });
    if (activities.length)
      blocks.push({
        type: 'table',
        columns: [
          { header: 'Fecha', width: 80 },
          { header: 'Actividad', width: 280 },
          { header: 'Asistentes', width: 90, align: 'right' },
        ],
        rows: activities.map((a) => [ddmmyyyy(a.date), a.title, String(a.present)]),
      });
    else blocks.push({ type: 'paragraph', text: 'Sin asistencia a actividades en el año.' });
    const filename = downloadName(
      `cuenta-anual-${y}`,
      localDate(this.clock.now(), program.timeZone),
      association.name,
      'pdf',
    );
    return this.dataSource.transaction(async (em) => {
      const issued = await this.documents.issue(
        {
          kind: 'program_report',
          ownerType: 'program_association',
          ownerId: associationId,
          communeCode: association.communeCode,
          subject: `Cuenta anual ${y} de ${association.name} ante ${program.name}`,
          filename,
          timeZone: program.timeZone,
          render: (verification, issuedAt) =>
            this.pdf.render({
              organisation: { name: association.name, detail: association.communeName },
              title: `Cuenta anual ${y}`,
              subtitle: `ante ${program.name}, emitida el ${formatDate(issuedAt, program.timeZone)}`,
              blocks,
              verification,
              author: actor.name,
              createdAt: issuedAt,
            }),
        },
        em,
      );
      await this.audit.record(
        context,
        {
          action: 'program.report_issued',
          objectType: 'program_association',
          objectId: associationId,
          scopeType: 'program',
          scopeId: programId,
          details: { year: y, documentId: issued.id },
        },
        em,
      );
      const content = await this.documents.content(issued.id, em);
      return { filename, content: content.content, verificationCode: issued.verificationCode };
    });
  }
}
