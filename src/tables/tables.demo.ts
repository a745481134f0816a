import type { AuditContext } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import type { InstitutionKind } from '../institutions/entities/institution.entity';
import type { InstitutionsService } from '../institutions/institutions.service';
import type { CouncilSeat } from './entities/table-participant.entity';
import type { TablesService } from './tables.service';

/** The e-mail of Carabineros' representative at La Serena's technical table: a demo user with the participant role reports progress with it. */
export const DEMO_CARABINEROS_EMAIL = 'comisaria1.laserena@carabineros.demo.quorum.cl';

interface DemoTable {
  kind: 'security' | 'productive_development' | 'other';
  name: string;
  scopeLevel: 'commune' | 'province' | 'region';
  scopeCode: string;
  securityCouncil?: boolean;
  description: string;
  /** [institution, its kind, its commune (null: regional or national), representative, role, seat on a security council, e-mail] */
  participants: [string, InstitutionKind, string | null, string, string, CouncilSeat?, string?][];
  convener: string;
  axes?: [string, number[]][];
}

/** The tables of DOMAIN.md §1b (stories 1, 2, 3 and 5) with their participants and axes; their sessions and commitments are in tables-sessions.demo.ts. */
export const DEMO_TABLES: DemoTable[] = [
  {
    kind: 'security',
    name: 'Mesa técnica de seguridad del centro histórico de La Serena',
    scopeLevel: 'commune',
    scopeCode: '04101',
    description:
      'Municipalidad, Carabineros, la coordinación regional de prevención del delito, la PDI y el Barrio Patrimonial La Serena: más presencia policial en O’Higgins y Eduardo de la Barra.',
    convener: 'Municipalidad de La Serena',
    participants: [
      [
        'Municipalidad de La Serena',
        'municipality',
        '04101',
        'Director de Seguridad Pública',
        'Coordinador de la mesa',
      ],
      [
        'Carabineros de Chile, 1.ª Comisaría de La Serena',
        'police',
        '04101',
        'Mayor Rodrigo Fuentes Vega',
        'Comisario',
        undefined,
        DEMO_CARABINEROS_EMAIL,
      ],
      [
        'Policía de Investigaciones, Brigada de Investigación Criminal La Serena',
        'investigations_police',
        '04101',
        'Subcomisaria Daniela Pizarro Rivera',
        'Jefa de brigada',
      ],
      [
        'Subsecretaría de Prevención del Delito, coordinación regional de Coquimbo',
        'crime_prevention',
        null,
        'Coordinador regional de prevención del delito',
        'Coordinador regional',
      ],
      ['Barrio Patrimonial La Serena', 'association', '04101', 'Claudia Muñoz Araya', 'Presidenta'],
    ],
  },
  {
    kind: 'security',
    name: 'Consejo Comunal de Seguridad Pública de La Serena',
    scopeLevel: 'commune',
    scopeCode: '04101',
    securityCouncil: true,
    description:
      'Ley 20.965: preside el alcalde; concejales, Carabineros, PDI, Fiscalía, sociedad civil y la secretaría ejecutiva municipal. Sesiona al menos una vez al mes.',
    convener: 'Municipalidad de La Serena',
    participants: [
      [
        'Municipalidad de La Serena',
        'municipality',
        '04101',
        'Alcalde de La Serena',
        'Presidente del consejo',
        'mayor',
      ],
      [
        'Municipalidad de La Serena',
        'municipality',
        '04101',
        'Secretaria ejecutiva del consejo',
        'Secretaria ejecutiva',
        'executive_secretary',
      ],
      ['Concejo Municipal de La Serena', 'municipality', '04101', 'Concejala María Cortés', 'Concejala', 'councillor'],
      ['Concejo Municipal de La Serena', 'municipality', '04101', 'Concejal Pedro Álvarez', 'Concejal', 'councillor'],
      [
        'Carabineros de Chile, 1.ª Comisaría de La Serena',
        'police',
        '04101',
        'Mayor Rodrigo Fuentes Vega',
        'Comisario',
        'police',
      ],
      [
        'Policía de Investigaciones, Brigada de Investigación Criminal La Serena',
        'investigations_police',
        '04101',
        'Subcomisaria Daniela Pizarro Rivera',
        'Jefa de brigada',
        'investigations_police',
      ],
      ['Fiscalía Local de La Serena', 'prosecutor', '04101', 'Fiscal adjunto Andrés Morales', 'Fiscal', 'prosecutor'],
      [
        'Unión Comunal de Juntas de Vecinos de La Serena',
        'civil_society',
        '04101',
        'Ana Rojas Díaz',
        'Representante de la sociedad civil',
        'cosoc',
      ],
      [
        'Cámara de Comercio de La Serena',
        'civil_society',
        '04101',
        'Luis Tapia Soto',
        'Representante de la sociedad civil',
        'cosoc',
      ],
    ],
  },
  {
    kind: 'security',
    name: 'Mesa regional de directores de seguridad municipal (AMRA)',
    scopeLevel: 'region',
    scopeCode: '02',
    description:
      'La Asociación de Municipalidades de la Región de Antofagasta convoca en Mejillones a los directores de seguridad de sus comunas, con la coordinación regional de prevención del delito: un plan de capacitación para todos los inspectores municipales (primeros auxilios, tránsito, emergencias).',
    convener: 'Asociación de Municipalidades de la Región de Antofagasta (AMRA)',
    participants: [
      [
        'Asociación de Municipalidades de la Región de Antofagasta (AMRA)',
        'other_public',
        null,
        'Secretaria ejecutiva de AMRA',
        'Convocante',
      ],
      [
        'Municipalidad de Mejillones',
        'municipality',
        '02102',
        'Director de Seguridad de Mejillones',
        'Director de seguridad (anfitrión)',
      ],
      [
        'Municipalidad de San Pedro de Atacama',
        'municipality',
        '02203',
        'Directora de Seguridad de San Pedro de Atacama',
        'Directora de seguridad',
      ],
      [
        'Municipalidad de Antofagasta',
        'municipality',
        '02101',
        'Director de Seguridad de Antofagasta',
        'Director de seguridad',
      ],
      ['Municipalidad de Taltal', 'municipality', '02104', 'Director de Seguridad de Taltal', 'Director de seguridad'],
      [
        'Municipalidad de Sierra Gorda',
        'municipality',
        '02103',
        'Directora de Seguridad de Sierra Gorda',
        'Directora de seguridad',
      ],
      [
        'Municipalidad de Tocopilla',
        'municipality',
        '02301',
        'Director de Seguridad de Tocopilla',
        'Director de seguridad (en línea)',
      ],
      [
        'Municipalidad de Ollagüe',
        'municipality',
        '02202',
        'Encargado de Seguridad de Ollagüe',
        'Encargado de seguridad (en línea)',
      ],
      [
        'Subsecretaría de Prevención del Delito, coordinación regional de Antofagasta',
        'crime_prevention',
        null,
        'Coordinadora regional de prevención del delito',
        'Coordinadora regional',
      ],
    ],
  },
  {
    kind: 'productive_development',
    name: 'Mesa Provincial de Fomento Productivo y Turismo de Melipilla',
    scopeLevel: 'province',
    scopeCode: '135',
    description:
      'Delegación Presidencial Provincial, servicios públicos, socios privados, los municipios de la provincia y el Centro de Negocios Sercotec: plan 2025 en tres ejes.',
    convener: 'Delegación Presidencial Provincial de Melipilla',
    participants: [
      [
        'Delegación Presidencial Provincial de Melipilla',
        'government_delegation',
        null,
        'Delegada presidencial provincial',
        'Presidenta de la mesa',
      ],
      ['Sercotec, Centro de Negocios Melipilla', 'sercotec', null, 'Directora del Centro de Negocios', 'Asesora'],
      [
        'Municipalidad de Melipilla',
        'municipality',
        '13501',
        'Encargado de Fomento Productivo de Melipilla',
        'Fomento productivo',
      ],
      [
        'Municipalidad de María Pinto',
        'municipality',
        '13504',
        'Encargada de Fomento Productivo de María Pinto',
        'Fomento productivo',
      ],
      ['Mall Espacio Urbano Melipilla', 'private', '13501', 'Gerente del mall', 'Socio privado'],
      ['Sernatur Región Metropolitana', 'other_public', null, 'Profesional de Sernatur', 'Turismo'],
    ],
    axes: [
      ['Comercialización: una semana al mes en el mall Espacio Urbano', [1, 2, 3, 4]],
      ['Calendario de fondos y proyectos para el territorio', [0, 1, 2, 3]],
      ['Promoción turística', [0, 3, 5]],
    ],
  },
];

/**
 * The demo tables through the real service: created by the administration (province and region) and by La
 * Serena's municipal officer (commune), institutions found or created by name. Only once: skipped when any of them exists.
 */
export async function loadTablesDemo(deps: {
  tables: TablesService;
  institutions: InstitutionsService;
  admin: Actor;
  laSerena: Actor;
  existing: () => Promise<number>;
}): Promise<number> {
  if ((await deps.existing()) > 0) return 0;
  const context = (actor: Actor): AuditContext => ({
    userId: actor.id,
    role: actor.roles[0]?.role ?? null,
    ip: null,
    requestId: null,
  });
  let created = 0;
  for (const demo of DEMO_TABLES) {
    const actor = demo.scopeLevel === 'commune' ? deps.laSerena : deps.admin;
    const convener = demo.participants.find((p) => p[0] === demo.convener) ?? [demo.convener, 'other_public', null];
    const { institution } = await deps.institutions.create(
      actor,
      { name: convener[0], kind: convener[1], communeCode: convener[2] },
      context(actor),
    );
    const table = await deps.tables.createTable(
      actor,
      {
        kind: demo.kind,
        name: demo.name,
        scopeLevel: demo.scopeLevel,
        scopeCode: demo.scopeCode,
        securityCouncil: demo.securityCouncil,
        description: demo.description,
        convenerInstitutionId: institution.id,
      },
      context(actor),
    );
    const ids: string[] = [];
    for (const [name, kind, communeCode, person, role, councilSeat, email] of demo.participants) {
      const inst = await deps.institutions.create(deps.admin, { name, kind, communeCode }, context(deps.admin));
      ids.push(
        (
          await deps.tables.addParticipant(
            actor,
            table.id,
            { institutionId: inst.institution.id, name: person, role, councilSeat, email },
            context(actor),
          )
        ).id,
      );
    }
    for (const [name, members] of demo.axes ?? [])
      await deps.tables.addAxis(actor, table.id, { name, participantIds: members.map((i) => ids[i]) }, context(actor));
    created++;
  }
  return created;
}
