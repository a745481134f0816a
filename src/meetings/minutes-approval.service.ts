import { Injectable } from '@nestjs/common';
import { downloadName } from '../common/format/file-name';
import type { EntityManager } from 'typeorm';
import type { AuditContext } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import { formatDate, formatTime, formatWeekday, localDate } from '../common/format/dates';
import { formatDocument } from '../common/format/identity';
import { translate } from '../common/i18n/i18n';
import type { LocalizedText } from '../common/i18n/messages';
import { DocumentStore } from '../documents/document-store.service';
import { actaMeeting, type ActaContent, type ActaSnapshot } from './acta';
import { ActaEngine, type Approval } from './acta-engine';
import { votesProblem } from './acta-parser';
import type { Meeting } from './entities/meeting.entity';
import type { Minutes } from './entities/minutes.entity';
import { agreementOutcome } from './majority';
import { MeetingAccess } from './meeting-access.service';
import { MeetingAttendance } from './meeting-attendance.service';
import type { MeetingAssociation } from './meeting-bodies';
import { MeetingsCalendar } from './meetings-calendar';
import { MeetingException } from './meetings.exception';
import { eachLanguage, joinTexts, meetingTexts } from './meetings.messages';
import { MinutesRepository } from './minutes.repository';
import { CommitmentsRepository } from './commitments.repository';
import { associationActaBody, mayReadDrafts, MinutesViews } from './minutes-views.service';

/** An acta's PDF name (issue 20 item 8): `acta-2026-03-10-barrio-patrimonial.pdf`, a draft's `borrador-acta-…`. */
const actaFilename = (meeting: Meeting, organisation: string, draft = false) =>
  downloadName(draft ? 'borrador-acta' : 'acta', localDate(meeting.startsAt, meeting.timeZone), organisation, 'pdf');

/**
 * An association's acta as a document (DOM-MTG-9, -10): the approval through the acta engine (numbered, frozen
 * with the meeting as it stands, hashed, chained, its PDF issued), and the PDF: the issued one, or the draft's.
 */
@Injectable()
export class MinutesApproval {
  constructor(
    private readonly repo: MinutesRepository,
    private readonly commitments: CommitmentsRepository,
    private readonly access: MeetingAccess,
    private readonly attendance: MeetingAttendance,
    private readonly municipalities: MeetingsCalendar,
    private readonly engine: ActaEngine,
    private readonly clock: Clock,
    private readonly views: MinutesViews,
    private readonly documents: DocumentStore,
  ) {}

  /** What the acta shows from the meeting as it stands now (a draft's PDF; frozen into the minutes at approval). */
  private async liveSnapshot(
    meeting: Meeting,
    association: MeetingAssociation,
    minutes: Minutes | null,
    em?: EntityManager,
  ): Promise<ActaSnapshot> {
    const municipality = await this.municipalities.municipality(association.communeCode, em);
    const { attendance, quorum } = await this.attendance.attendanceAndQuorum(meeting, association, em);
    const date = localDate(meeting.startsAt, meeting.timeZone);
    const next = await this.repo.nextMeeting(meeting, em);
    const kindLabel = {
      ordinary: 'Reunión ordinaria',
      extraordinary: 'Asamblea extraordinaria',
      constitutive: 'Asamblea constitutiva',
      board: 'Reunión de directorio',
      table_session: 'Sesión de mesa',
      program_activity: 'Actividad de programa',
    }[meeting.kind];
    return {
      organisation: {
        name: association.name,
        // issue 20 item 8: the organisation's own number when recorded, RUT in Chile and RUC in Peru
        rut: association.rut
          ? formatDocument('rut', association.rut)
          : association.ruc
            ? formatDocument('ruc', association.ruc)
            : null,
        documentLabel: !association.rut && association.ruc ? 'RUC' : 'RUT',
        kindLabel: translate('es', `kinds.${association.kind}`),
        communeName: municipality.communeName,
      },
      meeting: actaMeeting(meeting, kindLabel, meeting.call),
      attendance: attendance.map((a) => ({
        name: a.fullName,
        status: a.status,
        mode: a.mode,
        arrivedAt: a.arrivedAt ? formatTime(a.arrivedAt, meeting.timeZone) : null,
      })),
      quorum: { ...quorum, activeMembers: attendance.length },
      agenda: (await this.access.agenda(meeting, em)).map((a) => ({ position: a.position, title: a.title })),
      commitments: (await this.commitments.commitmentsOf(meeting.id, em)).map((c) => ({
        description: c.description,
        ownerKind: c.ownerKind,
        owner: c.ownerName,
        dueOn: c.dueOn,
      })),
      nextMeeting: next
        ? {
            date: `${formatWeekday(next.startsAt, next.timeZone)} ${formatDate(next.startsAt, next.timeZone)}`,
            time: formatTime(next.startsAt, next.timeZone),
            place: next.place,
          }
        : null,
      signers: await this.repo.signers(association.id, date, em),
      amendments: minutes
        ? (await this.repo.amendments(minutes.id, em)).map((a) => ({
            number: a.number,
            date: formatDate(a.startsAt, a.timeZone),
            text: a.text,
          }))
        : [],
    };
  }

  /**
   * POST /api/v1/meetings/:id/minutes/approve (DOM-MTG-9): an officer approves; the engine numbers the acta in the
   * organisation's book, freezes, hashes and chains it and issues its PDF. The outcomes and the quorum flag are
   * recomputed from the attendance the acta states (it may have changed since the last save). Already approved: 409.
   */
  async approve(actor: Actor, meetingId: string, context: AuditContext, version?: number): Promise<Approval> {
    const { meeting, association } = await this.access.load(actor, meetingId, 'meetings', context);
    const municipality = await this.municipalities.municipality(association.communeCode);
    let approverForm = 'neutral'; // set with the approver's position (approverPosition below)
    return this.engine.approve(
      actor,
      meeting,
      associationActaBody(meeting, association),
      {
        snapshot: async (em) =>
          this.liveSnapshot(meeting, association, await this.repo.findByMeeting(meeting.id, em), em),
        agreements: (stored, snapshot) => {
          const present = snapshot.quorum?.present ?? 0;
          const agreements = stored.map((a) => ({
            ...a,
            outcome: agreementOutcome(a.majority, a, present),
            withoutQuorum: !!snapshot.quorum && !snapshot.quorum.reached,
          }));
          const problems = agreements
            .map((a) => votesProblem(a.number, a, present))
            .filter((p): p is LocalizedText => !!p);
          if (problems.length) {
            const joined = joinTexts(problems);
            throw MeetingException.rule(
              'VOTES_EXCEED_PRESENT',
              eachLanguage((l) => meetingTexts.votesExceedBeforeApproval({ problems: joined[l] })),
            );
          }
          return agreements;
        },
        // the approver's board position on the approval date, from their linked member record, and how their post is
        // written ("por María Pérez, Presidenta" when the record says so; issue 20 item 6)
        approverPosition: async (em) => {
          if (!actor.personId) return null;
          const post = await this.repo.postOf(
            association.id,
            actor.personId,
            localDate(this.clock.now(), municipality.timeZone),
            em,
          );
          if (!post) return null;
          const [form, position] = post.split('.');
          approverForm = form;
          return position;
        },
        positionLabel: (position) =>
          position ? translate('es', `constitution.posts.${approverForm}.${position}`) : null,
        timeZone: municipality.timeZone,
        communeCode: association.communeCode,
        subject: (number) =>
          `Acta N° ${number} de ${association.name}, reunión del ${formatDate(meeting.startsAt, meeting.timeZone)}`,
        filename: () => actaFilename(meeting, association.name),
      },
      context,
      version,
    );
  }

  /**
   * GET /api/v1/meetings/:id/minutes.pdf: the approved acta as issued (the stored bytes), or the draft rendered
   * now with BORRADOR in its title and across each page (drafts only for officers and the municipality).
   */
  async pdfOf(actor: Actor, meetingId: string, context: AuditContext): Promise<{ filename: string; content: Buffer }> {
    const { meeting, association, rights } = await this.access.load(actor, meetingId, 'read', context);
    const minutes = await this.repo.findByMeeting(meeting.id);
    if (minutes?.status === 'approved' && minutes.documentId) {
      const stored = await this.documents.content(minutes.documentId);
      return { filename: actaFilename(meeting, association.name), content: stored.content };
    }
    if (!mayReadDrafts(rights)) throw MeetingException.notFound();
    this.engine.assertNotCancelled(meeting, associationActaBody(meeting, association));
    const view = await this.views.view(meeting, association, minutes);
    const snapshot = await this.liveSnapshot(meeting, association, minutes);
    const content: Omit<ActaContent, 'draft' | 'approval'> = {
      snapshot,
      items: view.items,
      agreements: view.agreements,
      number: view.number,
    };
    return {
      filename: actaFilename(meeting, association.name, true),
      content: await this.engine.renderDraft(content),
    };
  }
}
