import { barrioPatrimonialMemberId } from '../associations/associations.demo';
import type { AuditContext } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { addDays, localDate } from '../common/format/dates';
import type { CommitmentsService } from '../meetings/commitments.service';
import type { MeetingsService } from '../meetings/meetings.service';
import type { MinutesInput } from '../meetings/minutes.form';
import type { MinutesService } from '../meetings/minutes.service';
import type { MinutesDistribution } from '../meetings/minutes-distribution.service';

/** What the three last held meetings of Barrio Patrimonial dealt with (DOMAIN.md §1b, story 1). */
interface DemoActa {
  items: { title: string; notes: string }[];
  agreements: { text: string; majority?: 'simple' | 'absolute' | 'two_thirds'; against?: number }[];
  /** dueIn: days after the meeting; progress: what happened since. */
  commitments: {
    description: string;
    owner: { member: number } | { institution: string } | { person: string };
    dueIn: number;
    progress?: { status: 'in_progress' | 'done'; note: string; progress?: number };
  }[];
}

export const BARRIO_PATRIMONIAL_ACTAS: DemoActa[] = [
  {
    items: [
      {
        title: 'Seguridad en el centro histórico',
        notes:
          'La presidenta informa de la mesa técnica de seguridad con la Municipalidad, Carabineros, la coordinación regional de prevención del delito y la PDI. Los socios de O’Higgins y Eduardo de la Barra relatan robos a la salida de los locales los fines de semana, después de las 23:00.',
      },
      { title: 'Varios', notes: 'Se recuerda pagar la cuota social de marzo.' },
    ],
    agreements: [
      {
        text: 'Solicitar formalmente a la Municipalidad y a Carabineros más presencia policial en las calles O’Higgins y Eduardo de la Barra, de jueves a sábado entre las 19:00 y las 02:00.',
      },
      {
        text: 'Participar en la mesa técnica de seguridad con dos representantes: la presidenta y el socio Rodrigo Castillo Rojas.',
        against: 1,
      },
    ],
    commitments: [
      {
        description:
          'Enviar la carta de solicitud de patrullajes a la 1.ª Comisaría de La Serena y a la Dirección de Seguridad Municipal',
        owner: { member: 2 },
        dueIn: 7,
        progress: {
          status: 'done',
          note: 'Carta entregada en la Comisaría y en la Oficina de Partes municipal, con timbre de recepción.',
        },
      },
      {
        description: 'Rondas preventivas en O’Higgins y Eduardo de la Barra de jueves a sábado',
        owner: { institution: 'Carabineros de Chile, 1.ª Comisaría de La Serena' },
        dueIn: 30,
        progress: {
          status: 'in_progress',
          note: 'Carabineros confirmó rondas los viernes y sábados; los jueves quedan pendientes.',
          progress: 60,
        },
      },
      {
        description: 'Informar a la mesa técnica qué cámaras municipales cubren el sector',
        owner: { institution: 'Municipalidad de La Serena' },
        dueIn: 45,
      },
    ],
  },
  {
    items: [
      {
        title: 'Imagen corporativa del barrio',
        notes:
          'La agencia del programa Barrios Comerciales de Sercotec presenta tres propuestas de logo y paleta de colores para el barrio patrimonial. La asamblea prefiere la segunda, con el campanario de la Catedral.',
      },
    ],
    agreements: [
      {
        text: 'Aprobar la propuesta N° 2 de imagen corporativa del barrio (logo, paleta y tipografía) para la señalética y las redes sociales.',
      },
    ],
    commitments: [
      {
        description: 'Entregar los archivos finales del logo y el diseño de la señalética',
        owner: { person: 'Agencia de diseño del programa Barrios Comerciales' },
        dueIn: 21,
      },
      {
        description: 'Reunir las fotografías de los 19 locales para el catálogo del barrio',
        owner: { member: 5 },
        dueIn: 14,
        progress: { status: 'done', note: 'Fotografías de los 19 locales entregadas a la agencia.' },
      },
    ],
  },
  {
    items: [
      {
        title: 'Boulevares familiares',
        notes:
          'Se propone cerrar la calle Prat los sábados de enero y febrero para boulevares familiares: música en vivo, mesas en la vereda y juegos para niños. Los locales de comida ofrecerán un menú familiar.',
      },
    ],
    agreements: [
      {
        text: 'Realizar boulevares familiares los sábados de enero y febrero en calle Prat, entre Cordovez y Balmaceda, de 18:00 a 23:00.',
        majority: 'absolute',
      },
      { text: 'Financiar la música en vivo con un aporte de $20.000 por local.', against: 2 },
    ],
    commitments: [
      {
        description:
          'Solicitar a la Municipalidad el permiso de cierre de calle Prat para los sábados de enero y febrero',
        owner: { member: 0 },
        dueIn: 14,
      },
      {
        description: 'Coordinar la limpieza y los baños químicos con la Dirección de Aseo y Ornato',
        owner: { institution: 'Municipalidad de La Serena' },
        dueIn: 30,
      },
    ],
  },
];

/**
 * The actas of Barrio Patrimonial's last three meetings held, written, approved by its president (numbered,
 * hashed, chained, PDF issued) and the first two sent to the members; their commitments with progress, some done.
 * Through the real services, once: with the meetings demo (which is skipped when the association has meetings).
 */
export async function loadMinutesDemo(deps: {
  minutes: MinutesService;
  distribution: MinutesDistribution;
  commitments: CommitmentsService;
  meetings: MeetingsService;
  president: Actor;
  context: AuditContext;
  heldMeetingIds: string[];
}): Promise<number> {
  const held = deps.heldMeetingIds.slice(-BARRIO_PATRIMONIAL_ACTAS.length);
  let approved = 0;
  for (const [i, meetingId] of held.entries()) {
    const acta = BARRIO_PATRIMONIAL_ACTAS[BARRIO_PATRIMONIAL_ACTAS.length - held.length + i];
    const { meeting, association } = await deps.meetings.load(deps.president, meetingId, 'meetings', deps.context);
    const { quorum } = await deps.meetings.attendanceAndQuorum(meeting, association);
    const date = localDate(meeting.startsAt, meeting.timeZone);
    const input: MinutesInput = {
      items: acta.items.map((it) => ({ title: it.title, notes: it.notes })),
      // every member present votes: one abstains, `against` vote against
      agreements: acta.agreements.map((a) => ({
        text: a.text,
        majority: a.majority,
        votesFor: quorum.present - 1 - (a.against ?? 0),
        votesAgainst: a.against ?? 0,
        abstentions: 1,
      })),
      commitments: acta.commitments.map((c) => ({
        description: c.description,
        ...('member' in c.owner
          ? { ownerMemberId: barrioPatrimonialMemberId(c.owner.member) }
          : 'institution' in c.owner
            ? { ownerInstitutionName: c.owner.institution }
            : { ownerName: c.owner.person }),
        dueOn: addDays(date, c.dueIn),
      })),
    };
    const saved = await deps.minutes.save(deps.president, meetingId, input, deps.context);
    await deps.minutes.approve(deps.president, meetingId, deps.context);
    approved++;
    if (i < held.length - 1) await deps.distribution.send(deps.president, meetingId, deps.context);
    for (const [j, c] of acta.commitments.entries()) {
      if (c.progress)
        await deps.commitments.addUpdate(
          deps.president,
          saved.commitments[j].id,
          { status: c.progress.status, note: c.progress.note, progress: c.progress.progress },
          deps.context,
        );
    }
  }
  return approved;
}
