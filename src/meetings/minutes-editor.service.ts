import { Injectable } from '@nestjs/common';
import { formatDate } from '../common/format/dates';
import { InstitutionsService } from '../institutions/institutions.service';
import type { Meeting } from './entities/meeting.entity';
import { MeetingAccess } from './meeting-access.service';
import { MeetingBodies, type MeetingAssociation } from './meeting-bodies';
import { MeetingsRepository } from './meetings.repository';
import { type MinutesForm, withBlankRows } from './minutes.form';
import { MinutesRepository } from './minutes.repository';
import { CommitmentsRepository } from './commitments.repository';
import { MinutesViews, type MinutesView } from './minutes-views.service';

/**
 * The acta editor's page (DOM-MTG-7 to -9): its rows (the saved minutes, or the agenda's points), and the choices
 * it lists: the members and institutions a commitment may be given to, the earlier actas an amendment may correct.
 */
@Injectable()
export class MinutesEditor {
  constructor(
    private readonly repo: MinutesRepository,
    private readonly commitments: CommitmentsRepository,
    private readonly meetingsRepo: MeetingsRepository,
    private readonly access: MeetingAccess,
    private readonly bodies: MeetingBodies,
    private readonly views: MinutesViews,
    private readonly institutions: InstitutionsService,
  ) {}

  /** The editor's rows: the saved minutes, or the agenda's points to take notes on; then blank rows for new entries. */
  async formOf(data: MinutesView & { meeting: Meeting }): Promise<MinutesForm> {
    const items = data.items.length
      ? data.items
      : (await this.access.agenda(data.meeting)).map((a) => ({
          agendaItemId: a.itemId ?? null,
          title: a.title,
          notes: '',
        }));
    return withBlankRows({
      version: String(data.version),
      items: items.map((i, index) => ({
        agendaItemId: i.agendaItemId ?? '',
        title: i.title,
        notes: i.notes,
        index,
        errors: {},
      })),
      agreements: data.agreements.map((a, index) => ({
        text: a.text,
        votesFor: String(a.votesFor),
        votesAgainst: String(a.votesAgainst),
        abstentions: String(a.abstentions),
        majority: a.majority,
        index,
        errors: {},
      })),
      commitments: data.commitments.map((c, index) => ({
        id: c.id,
        description: c.description,
        owner:
          c.owner.kind === 'member'
            ? `member:${c.owner.id}`
            : c.owner.kind === 'institution' && c.owner.id
              ? `institution:${c.owner.id}`
              : c.owner.kind,
        ownerText: c.owner.kind === 'member' || (c.owner.kind === 'institution' && c.owner.id) ? '' : c.owner.name,
        dueOn: c.dueOn ?? '',
        index,
        errors: {},
      })),
      amendments: data.amendments.map((a, index) => ({ minutesId: a.minutesId, text: a.text, index, errors: {} })),
    });
  }

  /** The members a commitment may be given to (active today), and whoever already owns one of the meeting's, for the editor's list. */
  async memberOptions(associationId: string, meetingId: string): Promise<{ id: string; fullName: string }[]> {
    const association = (await this.bodies.associations.find(associationId)) as MeetingAssociation;
    const active = (await this.meetingsRepo.recipients(associationId, await this.views.today(association))).map(
      (r) => ({
        id: r.memberId,
        fullName: r.fullName,
      }),
    );
    const owners = (await this.commitments.commitmentsOf(meetingId))
      .filter((c) => c.ownerMembershipId && !active.some((a) => a.id === c.ownerMembershipId))
      .map((c) => ({ id: c.ownerMembershipId as string, fullName: c.ownerName }));
    return [...active, ...owners.filter((o, i) => owners.findIndex((x) => x.id === o.id) === i)];
  }

  /** Institutions of the shared list in the association's commune or without one (Carabineros, the municipality...), and the current owners, for the editor's list. */
  async institutionOptions(communeCode: string, meetingId: string): Promise<{ id: string; name: string }[]> {
    return this.institutions.optionsFor(communeCode, await this.ownerInstitutionIds(meetingId));
  }

  /** The institutions that own one of the meeting's commitments now (kept as choices, wherever they are). */
  private async ownerInstitutionIds(meetingId: string): Promise<string[]> {
    return (await this.commitments.commitmentsOf(meetingId))
      .map((c) => c.ownerInstitutionId)
      .filter((id): id is string => !!id);
  }

  /** Approved actas of meetings before `before`, which a correction may amend. */
  async amendableActas(associationId: string, before: Date): Promise<{ id: string; label: string }[]> {
    return (await this.repo.actasOf(associationId, false))
      .filter((a) => a.startsAt < before)
      .map((a) => ({ id: a.id, label: `Acta N° ${a.number} del ${formatDate(a.startsAt, a.timeZone)}` }));
  }
}
