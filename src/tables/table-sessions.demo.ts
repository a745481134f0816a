import type { AuditContext } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { addDays, localDate } from '../common/format/dates';
import type { Clock } from '../common/clock';
import type { TableBoardService } from './table-board.service';
import type { CommitmentProgressService } from './commitment-progress.service';
import type { TableSessionsService } from './table-sessions.service';

/** A commitment of a demo acta: owner by institution name, or by representative (name); days to its due date from the session; what happened since. */
interface DemoCommitment {
  description: string;
  owner: { institution: string } | { participant: string };
  axis?: string;
  dueIn: number;
  updates?: { status?: 'in_progress' | 'done' | 'cancelled'; progress?: number; note: string }[];
}

interface DemoSession {
  /** Days before the load date (negative: in the future). */
  daysAgo: number;
  place: string;
  onlineUrl?: string;
  /** Representatives who joined online (by name); the rest present in person, except `absent`. */
  online?: string[];
  absent?: string[];
  notes?: { title: string; notes: string }[];
  agreements?: string[];
  commitments?: DemoCommitment[];
  approve?: boolean;
}

const LA_SERENA_TECHNICAL = 'Mesa técnica de seguridad del centro histórico de La Serena';
const LA_SERENA_COUNCIL = 'Consejo Comunal de Seguridad Pública de La Serena';
const AMRA = 'Mesa regional de directores de seguridad municipal (AMRA)';
const MELIPILLA = 'Mesa Provincial de Fomento Productivo y Turismo de Melipilla';

const CARABINEROS = 'Carabineros de Chile, 1.ª Comisaría de La Serena';
const PDI = 'Policía de Investigaciones, Brigada de Investigación Criminal La Serena';
const MUNI = 'Municipalidad de La Serena';

/** The communal security plan's measures (DOM-TBL-2): 22, in every state, over the council's sessions. */
const COUNCIL_MEASURES: [string, string, number, DemoCommitment['updates']?][] = [
  [
    'Patrullajes preventivos mixtos (Carabineros e inspectores municipales) en el centro histórico',
    CARABINEROS,
    30,
    [{ status: 'done', note: 'Patrullajes mixtos de jueves a sábado desde el mes pasado.' }],
  ],
  [
    'Plan de iluminación peatonal en el eje O’Higgins – Eduardo de la Barra',
    MUNI,
    90,
    [{ status: 'in_progress', progress: 60, note: '40 de 65 luminarias LED instaladas.' }],
  ],
  [
    'Red de cámaras de televigilancia conectada a la central municipal',
    MUNI,
    120,
    [{ status: 'in_progress', progress: 35, note: 'Licitación adjudicada; instalación en curso.' }],
  ],
  [
    'Informe trimestral de delitos de mayor connotación social por cuadrante',
    CARABINEROS,
    20,
    [{ status: 'done', note: 'Informe del trimestre presentado al consejo.' }],
  ],
  [
    'Operativos focalizados contra el comercio de especies robadas',
    PDI,
    45,
    [{ status: 'done', note: 'Tres operativos con la Fiscalía; 14 detenidos.' }],
  ],
  [
    'Programa de prevención del consumo de alcohol y drogas en liceos',
    'Unión Comunal de Juntas de Vecinos de La Serena',
    150,
    [{ status: 'in_progress', progress: 20, note: 'Coordinación con SENDA Previene en curso.' }],
  ],
  ['Recuperación del sitio eriazo de calle Colón como plaza', MUNI, 60],
  [
    'Capacitación en prevención situacional a juntas de vecinos',
    'Unión Comunal de Juntas de Vecinos de La Serena',
    40,
    [{ status: 'done', note: '12 juntas de vecinos capacitadas.' }],
  ],
  ['Protocolo de alerta temprana entre el comercio y Carabineros', 'Cámara de Comercio de La Serena', 25],
  [
    'Fiscalización de patentes de alcoholes en horario nocturno',
    MUNI,
    35,
    [{ status: 'done', note: '48 locales fiscalizados, 6 sumarios.' }],
  ],
  [
    'Mesa de trabajo con la Fiscalía sobre violencia intrafamiliar',
    'Fiscalía Local de La Serena',
    75,
    [{ status: 'in_progress', progress: 50, note: 'Dos reuniones realizadas; protocolo en borrador.' }],
  ],
  [
    'Ampliación del programa de botones de pánico para el comercio',
    'Cámara de Comercio de La Serena',
    90,
    [{ status: 'cancelled', note: 'Reemplazado por el protocolo de alerta temprana.' }],
  ],
  [
    'Difusión de los canales de denuncia anónima (*4242)',
    PDI,
    30,
    [{ status: 'done', note: 'Campaña en radios locales y redes municipales.' }],
  ],
  [
    'Diagnóstico comunal de seguridad actualizado',
    MUNI,
    180,
    [{ status: 'in_progress', progress: 70, note: 'Encuesta aplicada; falta el análisis por sector.' }],
  ],
  ['Rondas preventivas en el sector de Las Compañías', CARABINEROS, 30],
  [
    'Programa de reinserción laboral para jóvenes infractores',
    'Concejo Municipal de La Serena',
    200,
    [{ status: 'in_progress', progress: 10, note: 'Convenio con el servicio de reinserción juvenil en revisión.' }],
  ],
  [
    'Poda de árboles que cubren luminarias en Avenida del Mar',
    MUNI,
    20,
    [{ status: 'done', note: 'Poda realizada en los 3 km de la avenida.' }],
  ],
  ['Puntos de atención a víctimas en la feria de Las Compañías', 'Fiscalía Local de La Serena', 60],
  [
    'Control vehicular conjunto los fines de semana largos',
    CARABINEROS,
    15,
    [{ status: 'done', note: 'Controles en los accesos norte y sur.' }],
  ],
  ['Instalación de alarmas comunitarias en 10 villas', MUNI, 100],
  [
    'Informe de reincidencia en hurtos del centro para la Subsecretaría',
    PDI,
    40,
    [{ status: 'in_progress', progress: 40, note: 'Datos de 2025 reunidos.' }],
  ],
  [
    'Evaluación del plan comunal de seguridad del año',
    'Concejo Municipal de La Serena',
    240,
    [{ status: 'cancelled', note: 'Se hará con el nuevo diagnóstico comunal.' }],
  ],
];

const SESSIONS: Record<string, DemoSession[]> = {
  [LA_SERENA_TECHNICAL]: [
    {
      daysAgo: 42,
      place: 'Dirección de Seguridad Pública, Municipalidad de La Serena',
      onlineUrl: 'https://meet.example.cl/mesa-centro-historico',
      online: ['Coordinador regional de prevención del delito'],
      notes: [
        {
          title: 'Diagnóstico del centro histórico',
          notes:
            'El Barrio Patrimonial relata robos a la salida de los locales los fines de semana, después de las 23:00, en O’Higgins y Eduardo de la Barra. Carabineros presenta los hechos del último trimestre.',
        },
      ],
      agreements: [
        'Reforzar la presencia policial en O’Higgins y Eduardo de la Barra de jueves a sábado, entre las 19:00 y las 02:00.',
        'Revisar en cada sesión el avance de los compromisos con sus respaldos.',
      ],
      commitments: [
        {
          description: 'Más presencia policial en O’Higgins y Eduardo de la Barra de jueves a sábado, de 19:00 a 02:00',
          owner: { institution: CARABINEROS },
          dueIn: 21,
          updates: [
            {
              status: 'in_progress',
              progress: 60,
              note: 'Rondas los viernes y sábados desde la semana pasada; los jueves quedan pendientes por dotación.',
            },
          ],
        },
        {
          description: 'Informar qué cámaras municipales cubren el sector y cuáles no funcionan',
          owner: { institution: MUNI },
          dueIn: 14,
        },
        {
          description: 'Informe de denuncias de robo con intimidación en el centro, por horario',
          owner: { participant: 'Subcomisaria Daniela Pizarro Rivera' },
          dueIn: 28,
          updates: [{ status: 'done', note: 'Informe presentado en la sesión siguiente.' }],
        },
        {
          description: 'Difundir entre los socios del barrio el protocolo de alerta a Carabineros',
          owner: { institution: 'Barrio Patrimonial La Serena' },
          dueIn: 10,
          updates: [{ status: 'done', note: 'Protocolo enviado a los 19 locales por el grupo del barrio.' }],
        },
      ],
      approve: true,
    },
    {
      daysAgo: 14,
      place: 'Dirección de Seguridad Pública, Municipalidad de La Serena',
      online: ['Coordinador regional de prevención del delito'],
      notes: [
        {
          title: 'Seguimiento de compromisos',
          notes: 'Carabineros informa rondas viernes y sábado. La Municipalidad aún no entrega el informe de cámaras.',
        },
      ],
      commitments: [
        {
          description: 'Reponer las luminarias apagadas de calle Prat entre Cordovez y Balmaceda',
          owner: { institution: MUNI },
          dueIn: 30,
        },
      ],
    },
    {
      daysAgo: -14,
      place: 'Dirección de Seguridad Pública, Municipalidad de La Serena',
      onlineUrl: 'https://meet.example.cl/mesa-centro-historico',
    },
  ],
  [LA_SERENA_COUNCIL]: [160, 130, 100, 70, 40].map((daysAgo, i) => ({
    daysAgo,
    place: 'Salón del Concejo, Municipalidad de La Serena',
    notes: [
      {
        title: 'Plan comunal de seguridad pública',
        notes:
          i === 0
            ? 'Se aprueban las medidas del plan comunal para el año.'
            : 'Seguimiento de las medidas del plan comunal.',
      },
    ],
    commitments: COUNCIL_MEASURES.slice(i * 5, i === 4 ? undefined : i * 5 + 5).map(
      ([description, institution, dueIn, updates]) => ({ description, owner: { institution }, dueIn, updates }),
    ),
    approve: i < 4,
  })),
  [AMRA]: [
    {
      daysAgo: 20,
      place: 'Salón municipal de Mejillones',
      onlineUrl: 'https://meet.example.cl/amra-seguridad',
      online: ['Director de Seguridad de Tocopilla', 'Encargado de Seguridad de Ollagüe'],
      notes: [
        {
          title: 'Plan de capacitación de inspectores municipales',
          notes:
            'Los directores acuerdan un plan común para todos los inspectores municipales de la región: primeros auxilios, tránsito y emergencias.',
        },
      ],
      agreements: ['Aprobar el plan regional de capacitación para inspectores municipales en tres módulos.'],
      commitments: [
        {
          description: 'Módulo de primeros auxilios para inspectores municipales (con el hospital regional)',
          owner: { institution: 'Subsecretaría de Prevención del Delito, coordinación regional de Antofagasta' },
          dueIn: 60,
          updates: [{ status: 'in_progress', progress: 30, note: 'Programa y relatores confirmados.' }],
        },
        {
          description: 'Módulo de tránsito para inspectores municipales',
          owner: { institution: 'Municipalidad de Antofagasta' },
          dueIn: 90,
        },
        {
          description: 'Módulo de emergencias y evacuación',
          owner: { institution: 'Municipalidad de Mejillones' },
          dueIn: 120,
        },
        {
          description: 'Catastro de inspectores por comuna y sus turnos',
          owner: { participant: 'Secretaria ejecutiva de AMRA' },
          dueIn: 15,
          updates: [{ status: 'done', note: 'Catastro de 7 comunas entregado.' }],
        },
      ],
      approve: true,
    },
  ],
  [MELIPILLA]: [
    {
      daysAgo: 30,
      place: 'Delegación Presidencial Provincial de Melipilla',
      notes: [
        {
          title: 'Plan 2025',
          notes:
            'Se revisa el plan 2025 por eje: comercialización en el mall, calendario de fondos y promoción turística.',
        },
      ],
      agreements: ['Aprobar el plan 2025 de la mesa en sus tres ejes.'],
      commitments: [
        {
          description:
            'Calendario de 12 semanas de emprendedores en el mall Espacio Urbano (una semana al mes por emprendedor)',
          owner: { institution: 'Mall Espacio Urbano Melipilla' },
          axis: 'Comercialización: una semana al mes en el mall Espacio Urbano',
          dueIn: 20,
          updates: [{ status: 'done', note: 'Calendario publicado con 36 emprendedores.' }],
        },
        {
          description: 'Calendario provincial de fondos concursables 2025 (Sercotec, Fosis, gobierno regional)',
          owner: { institution: 'Sercotec, Centro de Negocios Melipilla' },
          axis: 'Calendario de fondos y proyectos para el territorio',
          dueIn: 30,
          updates: [
            {
              status: 'in_progress',
              progress: 50,
              note: 'Fondos de Sercotec y Fosis incluidos; faltan los del gobierno regional.',
            },
          ],
        },
        {
          description: 'Ruta turística rural de María Pinto con los emprendedores del programa',
          owner: { institution: 'Municipalidad de María Pinto' },
          axis: 'Promoción turística',
          dueIn: 90,
        },
        {
          description: 'Capacitación en atención a turistas para los emprendedores de la feria',
          owner: { institution: 'Sernatur Región Metropolitana' },
          axis: 'Promoción turística',
          dueIn: 60,
        },
      ],
      approve: true,
    },
  ],
};

/**
 * The tables' sessions of the stories through the real services (DOMAIN.md §1b): attendance in person and
 * online, actas with institution-owned commitments approved in order, progress updates; dates relative to the
 * load date. Run once, right after the tables are created.
 */
export async function loadTableSessionsDemo(deps: {
  sessions: TableSessionsService;
  board: TableBoardService;
  progress: CommitmentProgressService;
  clock: Clock;
  tables: { id: string; name: string; actor: Actor }[];
}): Promise<void> {
  const context = (actor: Actor): AuditContext => ({
    userId: actor.id,
    role: actor.roles[0]?.role ?? null,
    ip: null,
    requestId: null,
  });
  const today = localDate(deps.clock.now(), 'America/Santiago');
  for (const table of deps.tables) {
    for (const demo of SESSIONS[table.name] ?? []) {
      const ctx = context(table.actor);
      const day = addDays(today, -demo.daysAgo);
      const session = await deps.sessions.createSession(
        table.actor,
        table.id,
        { localStart: `${day}T10:00`, place: demo.place, onlineUrl: demo.onlineUrl },
        ctx,
      );
      if (demo.daysAgo <= 0) continue;
      const view = await deps.sessions.get(table.actor, session.id, ctx);
      await deps.sessions.setAttendance(
        table.actor,
        session.id,
        view.attendance.map((a) => ({
          participantId: a.participantId,
          status: demo.absent?.includes(a.name) ? 'absent' : 'present',
          mode: demo.online?.includes(a.name) ? 'online' : 'in_person',
        })),
        ctx,
      );
      const participantByName = new Map(view.attendance.map((a) => [a.name, a]));
      const institutionByName = new Map(view.attendance.map((a) => [a.institution.name, a.institution.id]));
      const axes = new Map(
        (await deps.board.board(table.actor, table.id, { pageSize: 1 }, ctx)).axes.map((a) => [a.name, a.id]),
      );
      const commitments = demo.commitments ?? [];
      await deps.sessions.saveMinutes(
        table.actor,
        session.id,
        {
          items: demo.notes ?? [],
          agreements: (demo.agreements ?? []).map((text) => ({ text })),
          commitments: commitments.map((c) => ({
            description: c.description,
            ...('institution' in c.owner
              ? { ownerInstitutionId: institutionByName.get(c.owner.institution) }
              : { ownerParticipantId: participantByName.get(c.owner.participant)?.participantId }),
            axisId: c.axis ? axes.get(c.axis) : undefined,
            dueOn: addDays(day, c.dueIn),
          })),
        },
        ctx,
      );
      if (demo.approve) await deps.sessions.approve(table.actor, session.id, ctx);
      const saved = (await deps.sessions.get(table.actor, session.id, ctx)).minutes.commitments;
      for (const [i, c] of commitments.entries()) {
        for (const u of c.updates ?? []) await deps.progress.addUpdate(table.actor, saved[i].id, u, null, ctx);
      }
    }
  }
}
