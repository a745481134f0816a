/**
 * The acta of the `minutes` benchmark: an approved ordinary meeting of "Barrio Patrimonial La Serena" with 20
 * members on the roll, 6 agenda items (5 with notes), 10 agreements and 8 commitments; 3 pages with the house
 * layout. Kept apart from run.ts so a profiling script can import it without running the benchmarks.
 */
import type { ActaAgreement, ActaContent } from '../src/meetings/acta';
import { agreementOutcome, type Majority } from '../src/meetings/majority';

type Attendance = ActaContent['snapshot']['attendance'][number];

const present = (name: string, mode: Attendance['mode'] = 'in_person'): Attendance => ({
  name,
  status: 'present',
  mode,
});
const excused = (name: string): Attendance => ({ name, status: 'excused', mode: 'in_person' });
const absent = (name: string): Attendance => ({ name, status: 'absent', mode: 'in_person' });

const ATTENDANCE: Attendance[] = [
  present('María José Núñez Rojas'),
  present('Rosa Elena Tapia Gallardo'),
  present('Héctor Andrés Pizarro Vega'),
  present('Carmen Gloria Araya Soto'),
  present('Jorge Luis Molina Bravo'),
  present('Francisca Ignacia Cortés Herrera', 'online'),
  present('Patricio Esteban Alarcón Díaz'),
  excused('Verónica Soledad Castillo Peña'),
  present('Óscar Renato Zúñiga Miranda'),
  present('Ximena Luisa Olivares Campos', 'online'),
  absent('Sebastián Tomás Riquelme Fuentes'),
  present('Graciela del Carmen Ñancupil Huenchumilla'),
  present('Ricardo Alfonso Vergara Sepúlveda'),
  excused('Isidora Antonia Yáñez Cáceres'),
  present("Luis Alberto O'Ryan Contreras", 'online'),
  present('Magdalena Pilar de la Fuente Jara'),
  excused('Ramón Enrique Sandoval Espinoza'),
  present('Constanza Belén Vásquez Morales', 'online'),
  absent('Gonzalo Arturo Figueroa Reyes'),
  excused('Teresa Eugenia Gutiérrez Álvarez'),
];
const PRESENT = ATTENDANCE.filter((a) => a.status === 'present').length; // 14 of 20

const agreement = (
  number: number,
  text: string,
  majority: Majority,
  votesFor: number,
  votesAgainst: number,
  abstentions: number,
): ActaAgreement => ({
  number,
  text,
  votesFor,
  votesAgainst,
  abstentions,
  majority,
  outcome: agreementOutcome(majority, { votesFor, votesAgainst, abstentions }, PRESENT),
  withoutQuorum: false,
});

export const MINUTES_VERIFICATION = {
  code: '7QK4-M2XH-9RTB-C5WN-J3PD-V8GE-6A',
  url: 'https://quorum.laserena.cl/verificar/7QK4-M2XH-9RTB-C5WN-J3PD-V8GE-6A',
};
export const MINUTES_CREATED_AT = new Date('2026-03-24T23:15:00Z');

/** Acta N° 12 of the ordinary meeting of Tuesday 17-03-2026, approved a week later. */
export function minutesActa(): ActaContent {
  return {
    number: 12,
    draft: false,
    approval: { at: '24-03-2026 20:15', by: 'Rosa Elena Tapia Gallardo', position: 'Secretario/a' },
    snapshot: {
      organisation: {
        name: 'Barrio Patrimonial La Serena',
        rut: '65.123.456-5',
        kindLabel: 'Organización comunitaria funcional',
        communeName: 'La Serena',
      },
      meeting: {
        kindLabel: 'Reunión ordinaria',
        date: '17-03-2026',
        weekday: 'martes',
        time: '19:30',
        place: 'Sede social, Calle Prat 455, La Serena',
        onlineUrl: 'https://meet.jit.si/barrio-patrimonial-la-serena',
        timeZone: 'America/Santiago',
        call: 'first',
      },
      attendance: ATTENDANCE,
      quorum: { call: 'first', activeMembers: ATTENDANCE.length, required: 11, present: PRESENT, reached: true },
      agenda: [
        'Lectura y aprobación del acta anterior',
        'Cuenta de tesorería y estado de las cuotas sociales',
        'Seguridad del barrio y coordinación con Carabineros',
        'Fachadas patrimoniales: postulación al fondo de recuperación',
        'Reforma del estatuto y aniversario del barrio',
        'Varios',
      ].map((title, i) => ({ position: i + 1, title })),
      commitments: [
        {
          description:
            'Realizar rondas preventivas nocturnas en Calle Prat, Cordovez y el pasaje Los Aromos, de jueves a sábado.',
          ownerKind: 'institution',
          owner: 'Carabineros de Chile, 1ª Comisaría de La Serena',
          dueOn: '2026-04-30',
        },
        {
          description: 'Enviar el oficio que solicita las rondas, con el mapa de los puntos críticos acordados.',
          ownerKind: 'member',
          owner: 'María José Núñez Rojas',
          dueOn: '2026-03-24',
        },
        {
          description: 'Pedir tres cotizaciones de alarmas comunitarias para los pasajes Los Aromos, Matta y Brasil.',
          ownerKind: 'member',
          owner: 'Héctor Andrés Pizarro Vega',
          dueOn: '2026-04-07',
        },
        {
          description: 'Reunir fotografías, planos y antecedentes de propiedad de las doce fachadas postuladas.',
          ownerKind: 'member',
          owner: 'Carmen Gloria Araya Soto',
          dueOn: '2026-04-10',
        },
        {
          description: 'Revisar la postulación al fondo de recuperación de fachadas antes de su envío.',
          ownerKind: 'institution',
          owner: 'Municipalidad de La Serena, Oficina de Patrimonio',
          dueOn: '2026-04-15',
        },
        {
          description: 'Reponer las dos luminarias apagadas del pasaje Los Aromos.',
          ownerKind: 'institution',
          owner: 'Compañía General de Electricidad (CGE)',
          dueOn: '2026-04-03',
        },
        {
          description: 'Redactar la propuesta de reforma del artículo 12 del estatuto y presentarla a la directiva.',
          ownerKind: 'person',
          owner: 'Paula Cortés Fuentes, abogada',
          dueOn: '2026-04-14',
        },
        {
          description: 'Organizar los turnos y los puestos de la feria de artesanía del aniversario.',
          ownerKind: 'member',
          owner: 'Jorge Luis Molina Bravo',
          dueOn: null,
        },
      ],
      nextMeeting: { date: 'martes 21-04-2026', time: '19:30', place: 'Sede social, Calle Prat 455, La Serena' },
      signers: { president: 'María José Núñez Rojas', secretary: 'Rosa Elena Tapia Gallardo' },
      amendments: [],
    },
    items: [
      {
        title: 'Lectura y aprobación del acta anterior',
        notes:
          'La secretaria da lectura al acta N° 11, de la reunión ordinaria del 17-02-2026. No se formulan observaciones.',
      },
      {
        title: 'Cuenta de tesorería y estado de las cuotas sociales',
        notes:
          'El tesorero, Héctor Pizarro, informa un saldo de $1.284.500 al 28-02-2026 en la cuenta de ahorro de la organización, después de pagar $186.000 por la pintura de la sede. Seis socios mantienen cuotas impagas de 2025, por un total de $138.000; tres de ellos son mayores de 75 años y viven solos. La socia Graciela Ñancupil propone que la cuota social suba de $1.500 a $2.000 mensuales desde abril, para financiar las alarmas y la feria del aniversario sin recurrir a rifas.',
      },
      {
        title: 'Seguridad del barrio y coordinación con Carabineros',
        notes:
          'Los vecinos relatan tres robos a viviendas en febrero, dos de ellos en el pasaje Los Aromos, donde dos luminarias llevan más de un mes apagadas. El cabo Rodrigo Vera, de la 1ª Comisaría de La Serena, asiste como invitado y explica el plan cuadrante: ofrece rondas preventivas nocturnas de jueves a sábado si la organización envía un oficio con los puntos críticos. Se acuerda también cotizar alarmas comunitarias para tres pasajes y reclamar a la CGE por el alumbrado.',
      },
      {
        title: 'Fachadas patrimoniales: postulación al fondo de recuperación',
        notes:
          'La socia Carmen Araya presenta las bases del fondo de recuperación de fachadas de la zona típica, que financia hasta el 80% de la obra con un tope de $4.500.000 por inmueble. Doce propietarios de Cordovez, Brasil y Eduardo de la Barra han manifestado interés. La Oficina de Patrimonio ofrece revisar los expedientes antes del cierre, el 30-04-2026. Se debate si la organización debe pagar al arquitecto que prepare los planos.',
      },
      {
        title: 'Reforma del estatuto y aniversario del barrio',
        notes:
          'La presidenta recuerda que el estatuto fija cinco directores y que, desde 2024, dos cargos siguen vacantes; propone reducir la directiva a tres miembros titulares y dos suplentes. La abogada Paula Cortés Fuentes explica que la reforma requiere dos tercios de los presentes. Se vota además una propuesta para permitir la reelección indefinida de la directiva, que no alcanza la mayoría exigida. Para el aniversario del barrio se propone una feria de artesanía el sábado 18-04-2026 en la plaza, con puestos gratuitos para los socios.',
      },
      { title: 'Varios', notes: '' },
    ],
    agreements: [
      agreement(
        1,
        'Se aprueba el acta N° 11 de la reunión ordinaria del 17-02-2026, sin observaciones.',
        'simple',
        14,
        0,
        0,
      ),
      agreement(
        2,
        'Se aprueba la cuenta de tesorería de enero y febrero de 2026, con un saldo de $1.284.500.',
        'simple',
        12,
        0,
        2,
      ),
      agreement(3, 'Se fija la cuota social en $2.000 mensuales a contar del 01-04-2026.', 'absolute', 9, 4, 1),
      agreement(4, 'Se condonan las cuotas adeudadas de 2025 de los socios mayores de 75 años.', 'absolute', 7, 5, 2),
      agreement(
        5,
        'Se solicita a Carabineros de Chile rondas preventivas nocturnas en los puntos críticos del barrio, mediante oficio de la presidenta.',
        'simple',
        14,
        0,
        0,
      ),
      agreement(
        6,
        'Se destinan hasta $600.000 del saldo de tesorería a alarmas comunitarias para tres pasajes, previa comparación de tres cotizaciones.',
        'simple',
        10,
        3,
        1,
      ),
      agreement(
        7,
        'La organización patrocina la postulación de doce fachadas al fondo de recuperación de la zona típica.',
        'simple',
        13,
        0,
        1,
      ),
      agreement(
        8,
        'Se contrata con fondos de la organización a un arquitecto por $350.000 para preparar los planos de la postulación.',
        'simple',
        6,
        7,
        1,
      ),
      agreement(
        9,
        'Se reforma el artículo 12 del estatuto: la directiva tendrá tres miembros titulares y dos suplentes.',
        'two_thirds',
        10,
        3,
        1,
      ),
      agreement(
        10,
        'Se reforma el artículo 18 del estatuto para permitir la reelección indefinida de la directiva.',
        'two_thirds',
        8,
        5,
        1,
      ),
    ],
  };
}
