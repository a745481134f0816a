import type { EntityManager } from 'typeorm';
import type { AuditContext } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import type { Clock } from '../common/clock';
import { addDays, instantFromLocal, localDate } from '../common/format/dates';
import { rutCheckDigit } from '../common/format/rut';
import { COMMON_SURNAMES } from '../common/demo-surnames';
import { uuidV5 } from '../common/ids';
import { foldForSearch } from '../common/text';
import type { AssociationKind, AssociationStatus } from './association-rules';
import type { BoardPosition } from './constitution-rules';
import type { ConstitutionAssemblyService } from './constitution-assembly.service';
import type { ConstitutionCertificationService } from './constitution-certification.service';
import type { ConstitutionDepositService } from './constitution-deposit.service';
import type { ConstitutionRequestService } from './constitution-request.service';
import { Association } from './entities/association.entity';
import { AssociationStatusChange } from './entities/association-status-change.entity';
import { Constitution } from './entities/constitution.entity';
import { Membership } from './entities/membership.entity';
import { MembershipEvent } from './entities/membership-event.entity';
import { Person } from '../people/entities/person.entity';

/**
 * The registry part of the demo (DOMAIN.md §1b): Barrio Patrimonial La Serena with its 19 merchants of the
 * historic centre, two juntas de vecinos of La Serena, and El Porvenir's (Peru) neighbourhood security board,
 * market and soup kitchen with their contacts. Every id is fixed, so loading it again changes nothing. The
 * names and numbers are invented; the RUTs are valid (computed check digits).
 *
 * Barrio Patrimonial is registered here in formation; `loadConstitutionDemo` then takes it through its real
 * constitution (request, faith minister, assembly, certification, deposit) with the demo users, so it ends in
 * force with its provisional board, and its acta constitutiva and certificate verifiable.
 */
export const DEMO_ASSOCIATION_IDS = {
  barrioPatrimonial: uuidV5('demo:association:barrio-patrimonial-la-serena'),
  jjvvCentro: uuidV5('demo:association:jjvv-centro-historico'),
  jjvvCompanias: uuidV5('demo:association:jjvv-las-companias-norte'),
  porvenirSecurity: uuidV5('demo:association:porvenir-junta-seguridad'),
  porvenirMarket: uuidV5('demo:association:porvenir-mercado'),
  porvenirKitchen: uuidV5('demo:association:porvenir-comedor'),
};

const rut = (body: number) => `${body}-${rutCheckDigit(body)}`;

/** The 19 founding merchants: name, RUT body, birth date, business, category, street. */
export const BARRIO_PATRIMONIAL_MERCHANTS: {
  name: string;
  body: number;
  birth: string;
  business: string;
  category: string;
  address: string;
  phone: string;
}[] = [
  {
    name: 'Claudia Andrea Muñoz Araya',
    body: 13456782,
    birth: '1978-06-14',
    business: 'Peluquería Claudia Estilo',
    category: 'Peluquería',
    address: 'Prat 562, La Serena',
    phone: '+56 9 8123 4501',
  },
  {
    name: 'Rodrigo Esteban Castillo Rojas',
    body: 12876543,
    birth: '1975-02-03',
    business: 'Pub La Recova',
    category: 'Pub / bar',
    address: "O'Higgins 320, La Serena",
    phone: '+56 9 8123 4502',
  },
  {
    name: 'María Soledad Pizarro Alfaro',
    body: 14234987,
    birth: '1981-09-22',
    business: 'Restaurante Donde la Sole',
    category: 'Restaurante',
    address: 'Eduardo de la Barra 415, La Serena',
    phone: '+56 9 8123 4503',
  },
  {
    name: 'Juan Pablo Cortés Tapia',
    body: 15678234,
    birth: '1984-11-30',
    business: 'Barbería El Faro',
    category: 'Peluquería',
    address: 'Cordovez 640, La Serena',
    phone: '+56 9 8123 4504',
  },
  {
    name: 'Patricia Elena Olivares Guerrero',
    body: 11234876,
    birth: '1970-04-08',
    business: 'Salón de Belleza Patty',
    category: 'Peluquería',
    address: 'Balmaceda 455, La Serena',
    phone: '+56 9 8123 4505',
  },
  {
    name: 'Felipe Ignacio Aguirre Contreras',
    body: 16789345,
    birth: '1987-07-19',
    business: 'Cervecería Colonial',
    category: 'Pub / bar',
    address: "O'Higgins 498, La Serena",
    phone: '+56 9 8123 4506',
  },
  {
    name: 'Carolina Beatriz Vega Molina',
    body: 15098765,
    birth: '1983-01-25',
    business: 'Café Plaza de Armas',
    category: 'Cafetería',
    address: 'Prat 470, La Serena',
    phone: '+56 9 8123 4507',
  },
  {
    name: 'Héctor Manuel Ramírez Barraza',
    body: 9876543,
    birth: '1963-12-11',
    business: 'Restaurante El Rincón Serenense',
    category: 'Restaurante',
    address: 'Eduardo de la Barra 352, La Serena',
    phone: '+56 9 8123 4508',
  },
  {
    name: 'Valentina Paz Rivera Díaz',
    body: 18765432,
    birth: '1992-03-17',
    business: 'Peluquería Valentina',
    category: 'Peluquería',
    address: 'Cienfuegos 380, La Serena',
    phone: '+56 9 8123 4509',
  },
  {
    name: 'Sergio Andrés Carvajal Peña',
    body: 13987654,
    birth: '1979-08-02',
    business: 'Bar Los Balcones',
    category: 'Pub / bar',
    address: 'Matta 520, La Serena',
    phone: '+56 9 8123 4510',
  },
  {
    name: 'Ximena Alejandra Rojas Campos',
    body: 12345987,
    birth: '1974-05-29',
    business: 'Picada Doña Ximena',
    category: 'Restaurante',
    address: 'Brasil 290, La Serena',
    phone: '+56 9 8123 4511',
  },
  {
    name: 'Cristián Eduardo Fuentes Álvarez',
    body: 17234561,
    birth: '1989-10-06',
    business: 'Pub El Callejón',
    category: 'Pub / bar',
    address: "O'Higgins 611, La Serena",
    phone: '+56 9 8123 4512',
  },
  {
    name: 'Lorena Isabel Gallardo Núñez',
    body: 14765098,
    birth: '1982-02-14',
    business: 'Estética y Peluquería Lorena',
    category: 'Peluquería',
    address: 'Prat 715, La Serena',
    phone: '+56 9 8123 4513',
  },
  {
    name: 'Marcelo Antonio Zepeda Lagos',
    body: 10987612,
    birth: '1968-09-01',
    business: 'Restaurante La Casona del Centro',
    category: 'Restaurante',
    address: 'Cordovez 512, La Serena',
    phone: '+56 9 8123 4514',
  },
  {
    name: 'Daniela Fernanda Toro Espinoza',
    body: 19234876,
    birth: '1995-06-23',
    business: 'Sushi Bar Serena',
    category: 'Restaurante',
    address: 'Eduardo de la Barra 560, La Serena',
    phone: '+56 9 8123 4515',
  },
  {
    name: 'Luis Alberto Miranda Cáceres',
    body: 8765432,
    birth: '1960-03-12',
    business: 'Peluquería Don Lucho',
    category: 'Peluquería',
    address: 'Balmaceda 318, La Serena',
    phone: '+56 9 8123 4516',
  },
  {
    name: 'Francisca Javiera Herrera Salinas',
    body: 18098234,
    birth: '1993-12-04',
    business: 'Café Literario Gabriela',
    category: 'Cafetería',
    address: 'Matta 385, La Serena',
    phone: '+56 9 8123 4517',
  },
  {
    name: 'Gonzalo Patricio Ortiz Vergara',
    body: 16345210,
    birth: '1986-04-27',
    business: 'Bar Restaurante El Faro Viejo',
    category: 'Pub / bar',
    address: "O'Higgins 275, La Serena",
    phone: '+56 9 8123 4518',
  },
  {
    name: 'Andrea Cecilia Saavedra Cortés',
    body: 15432109,
    birth: '1984-08-15',
    business: 'Fuente de Soda La Portada',
    category: 'Restaurante',
    address: 'Cienfuegos 455, La Serena',
    phone: '+56 9 8123 4519',
  },
];

/** The demo president (an association officer of Barrio Patrimonial, linked to her person record). */
export const DEMO_PRESIDENT_PERSON_ID = uuidV5(`demo:person:rut:${rut(BARRIO_PATRIMONIAL_MERCHANTS[0].body)}`);

const FIRST = [
  'Ana',
  'Luis',
  'Carmen',
  'José',
  'Rosa',
  'Pedro',
  'Marta',
  'Jorge',
  'Elena',
  'Manuel',
  'Isabel',
  'Ricardo',
  'Teresa',
  'Alejandro',
  'Gloria',
  'Fernando',
  'Silvia',
  'Pablo',
  'Verónica',
  'Hugo',
];
const LAST = COMMON_SURNAMES;

/** `n` residents with deterministic names, RUTs and birth dates (for the juntas de vecinos). */
function residents(
  seed: number,
  n: number,
  street: string,
): { name: string; body: number; birth: string; address: string }[] {
  const out = [];
  for (let i = 0; i < n; i++) {
    const k = seed * 1000 + i;
    out.push({
      name: `${FIRST[k % FIRST.length]} ${LAST[(k * 7) % LAST.length]} ${LAST[(k * 13 + 5) % LAST.length]}`,
      body: 6_000_000 + seed * 100_000 + i * 37,
      birth: `${1940 + (k % 60)}-${String((k % 12) + 1).padStart(2, '0')}-${String((k % 27) + 1).padStart(2, '0')}`,
      address: `${street} ${100 + ((i * 7) % 900)}, La Serena`,
    });
  }
  return out;
}

interface DemoOrg {
  id: string;
  communeCode: string;
  kind: AssociationKind;
  name: string;
  area: 'urban' | 'rural';
  address: string;
  neighbourhoodUnit?: string;
  rut?: string;
  ruc?: string;
  status: AssociationStatus;
  statusReason: string;
  recognisedBy?: string;
  recognisedOn?: string;
  recognitionExpiresOn?: string;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
  description?: string;
  membersBelowMinimumSince?: string;
}

const AT = new Date('2026-03-02T12:00:00.000Z');

async function upsertOrg(em: EntityManager, org: DemoOrg): Promise<void> {
  if (await em.findOneBy(Association, { id: org.id })) return;
  await em.insert(Association, {
    id: org.id,
    communeCode: org.communeCode,
    kind: org.kind,
    name: org.name,
    nameKey: foldForSearch(org.name),
    area: org.area,
    address: org.address,
    neighbourhoodUnit: org.neighbourhoodUnit ?? null,
    rut: org.rut ?? null,
    ruc: org.ruc ?? null,
    status: org.status,
    recognisedBy: org.recognisedBy ?? null,
    recognisedOn: org.recognisedOn ?? null,
    recognitionExpiresOn: org.recognitionExpiresOn ?? null,
    contactName: org.contactName ?? null,
    contactPhone: org.contactPhone ?? null,
    contactEmail: org.contactEmail ?? null,
    description: org.description ?? null,
    membersBelowMinimumSince: org.membersBelowMinimumSince ?? null,
    version: 1,
  });
  await em.insert(AssociationStatusChange, {
    id: uuidV5(`demo:status:${org.id}:0`),
    associationId: org.id,
    fromStatus: null,
    toStatus: org.status,
    at: AT,
    byUserId: null,
    byName: 'Datos de demostración',
    reason: org.statusReason,
  });
}

async function addMembers(
  em: EntityManager,
  org: DemoOrg,
  people: {
    documentType: 'rut' | 'dni';
    number: string;
    name: string;
    birth: string;
    address?: string;
    phone?: string;
    email?: string;
    business?: string;
    category?: string;
    joinedOn: string;
  }[],
): Promise<void> {
  if (await em.countBy(Membership, { associationId: org.id })) return;
  for (const p of people) {
    const personId = uuidV5(`demo:person:${p.documentType}:${p.number}`);
    if (!(await em.findOneBy(Person, { id: personId }))) {
      await em.insert(Person, {
        id: personId,
        documentType: p.documentType,
        documentNumber: p.number,
        fullName: p.name,
        nameKey: foldForSearch(p.name),
        birthDate: p.birth,
        email: p.email ?? null,
        phone: p.phone ?? null,
        address: p.address ?? null,
      });
    }
    const membershipId = uuidV5(`demo:membership:${org.id}:${personId}`);
    await em.insert(Membership, {
      id: membershipId,
      associationId: org.id,
      personId,
      neighbourhoodCouncil: org.kind === 'neighbourhood_council',
      status: 'active',
      joinedOn: p.joinedOn,
      businessName: p.business ?? null,
      businessCategory: p.category ?? null,
      version: 1,
    });
    await em.insert(MembershipEvent, {
      id: uuidV5(`demo:event:${membershipId}:joined`),
      membershipId,
      action: 'joined',
      effectiveOn: p.joinedOn,
      at: AT,
      byUserId: null,
      byName: 'Datos de demostración',
      reason: null,
    });
  }
}

export async function loadAssociationDemo(em: EntityManager): Promise<void> {
  const barrio: DemoOrg = {
    id: DEMO_ASSOCIATION_IDS.barrioPatrimonial,
    communeCode: '04101',
    kind: 'functional_organization',
    name: 'Barrio Patrimonial La Serena',
    area: 'urban',
    address: 'Prat 562, casco histórico, La Serena',
    status: 'in_formation',
    statusReason:
      'Registro de la organización en formación: 19 comerciantes del casco histórico apoyados por el programa Barrios Comerciales de Sercotec.',
    contactName: 'Claudia Muñoz Araya',
    contactPhone: '+56 9 8123 4501',
    contactEmail: 'contacto@barriopatrimonial.demo.quorum.cl',
    description:
      'Comerciantes del casco histórico de La Serena (pubs, restaurantes, peluquerías). Objetivos: seguridad, menos delitos y un centro más bello y accesible.',
  };
  await upsertOrg(em, barrio);
  await addMembers(
    em,
    barrio,
    BARRIO_PATRIMONIAL_MERCHANTS.map((m) => ({
      documentType: 'rut',
      number: rut(m.body),
      name: m.name,
      birth: m.birth,
      address: m.address,
      phone: m.phone,
      email: `${foldForSearch(m.name).split(' ')[0]}.${foldForSearch(m.name).split(' ')[2]}@barriopatrimonial.demo.quorum.cl`,
      business: m.business,
      category: m.category,
      joinedOn: '2026-03-10',
    })),
  );

  // La Serena (about 250,000 inhabitants): a junta de vecinos needs 200 members (DOM-ORG-3).
  const centro: DemoOrg = {
    id: DEMO_ASSOCIATION_IDS.jjvvCentro,
    communeCode: '04101',
    kind: 'neighbourhood_council',
    name: 'Junta de Vecinos N.º 12 Centro Histórico',
    area: 'urban',
    address: 'Sede vecinal, Almagro 450, La Serena',
    neighbourhoodUnit: 'Unidad vecinal 12',
    rut: rut(65012345),
    status: 'in_force',
    statusReason:
      'Organización vigente: personalidad jurídica obtenida en 2011, registrada en el portal con su número de depósito.',
    contactName: 'Secretaría de la junta',
    contactPhone: '+56 51 222 3344',
  };
  const companias: DemoOrg = {
    id: DEMO_ASSOCIATION_IDS.jjvvCompanias,
    communeCode: '04101',
    kind: 'neighbourhood_council',
    name: 'Junta de Vecinos Las Compañías Norte',
    area: 'urban',
    address: 'Sede social, Pasaje Los Aromos 1230, Las Compañías, La Serena',
    neighbourhoodUnit: 'Unidad vecinal 45',
    rut: rut(65098765),
    status: 'in_force',
    statusReason:
      'Organización vigente: personalidad jurídica obtenida en 2015, registrada en el portal con su número de depósito.',
    membersBelowMinimumSince: '2026-09-15',
  };
  await upsertOrg(em, centro);
  await upsertOrg(em, companias);
  // A merchant who lives in the centre is also a neighbour there: one person record (DOM-ORG-15).
  const merchantResident = BARRIO_PATRIMONIAL_MERCHANTS[6];
  await addMembers(em, centro, [
    {
      documentType: 'rut',
      number: rut(merchantResident.body),
      name: merchantResident.name,
      birth: merchantResident.birth,
      address: merchantResident.address,
      phone: merchantResident.phone,
      joinedOn: '2019-05-04',
    },
    ...residents(1, 211, 'Almagro').map((r) => ({
      documentType: 'rut' as const,
      number: rut(r.body),
      name: r.name,
      birth: r.birth,
      address: r.address,
      joinedOn: '2018-04-15',
    })),
  ]);
  // Below the minimum since mid-September: the dissolution warning of DOM-ORG-11.
  await addMembers(
    em,
    companias,
    residents(2, 184, 'Los Aromos').map((r) => ({
      documentType: 'rut' as const,
      number: rut(r.body),
      name: r.name,
      birth: r.birth,
      address: r.address,
      joinedOn: '2020-09-01',
    })),
  );

  // El Porvenir (Trujillo, Peru): organisations registered for "barrios seguros" with their contacts (DOM-ORG-14).
  const security: DemoOrg = {
    id: DEMO_ASSOCIATION_IDS.porvenirSecurity,
    communeCode: 'PE-130102',
    kind: 'neighbourhood_security_board',
    name: 'Junta Vecinal de Seguridad Ciudadana Alto Trujillo Sector 3',
    area: 'urban',
    address: 'Mz. K Lote 12, Alto Trujillo, El Porvenir',
    neighbourhoodUnit: 'Sector 3, Alto Trujillo',
    status: 'in_force',
    statusReason: 'Reconocida por la Comisaría PNP El Porvenir (DOM-ORG-14).',
    recognisedBy: 'Comisaría PNP El Porvenir',
    recognisedOn: '2025-01-20',
    recognitionExpiresOn: '2027-01-20',
    contactName: 'Wilmer Rodríguez Castañeda (coordinador)',
    contactPhone: '+51 944 123 456',
    description: 'Coordina patrullajes vecinales con el serenazgo y la Policía Nacional.',
  };
  const market: DemoOrg = {
    id: DEMO_ASSOCIATION_IDS.porvenirMarket,
    communeCode: 'PE-130102',
    kind: 'market',
    name: 'Asociación de Comerciantes del Mercado Río Seco',
    area: 'urban',
    address: 'Av. Sánchez Carrión cdra. 15, El Porvenir',
    ruc: '20481234566',
    status: 'in_force',
    statusReason: 'Reconocida por la Subgerencia de Comercialización de la Municipalidad de El Porvenir (DOM-ORG-14).',
    recognisedBy: 'Subgerencia de Comercialización, Municipalidad Distrital de El Porvenir',
    recognisedOn: '2025-06-02',
    // DOM-ORG-14: a market's recognition has no term (only the comisaría's recognition of a junta lapses)
    contactName: 'Juana Vásquez Alvarado (presidenta)',
    contactPhone: '+51 949 876 543',
    contactEmail: 'mercado.rioseco@demo.quorum.pe',
  };
  const kitchen: DemoOrg = {
    id: DEMO_ASSOCIATION_IDS.porvenirKitchen,
    communeCode: 'PE-130102',
    kind: 'soup_kitchen',
    name: 'Comedor Popular Virgen de la Puerta',
    area: 'urban',
    address: 'Jr. Los Andes 560, Río Seco, El Porvenir',
    status: 'in_formation',
    statusReason: 'Registro de la organización; en trámite de reconocimiento.',
    contactName: 'Marleny Cruz Benites (presidenta)',
    contactPhone: '+51 956 222 111',
  };
  for (const org of [security, market, kitchen]) await upsertOrg(em, org);
  const dni = (n: number) => String(40_000_000 + n * 7919).padStart(8, '0');
  await addMembers(em, security, [
    {
      documentType: 'dni',
      number: dni(1),
      name: 'Wilmer Rodríguez Castañeda',
      birth: '1972-08-14',
      phone: '+51 944 123 456',
      joinedOn: '2025-01-20',
    },
    {
      documentType: 'dni',
      number: dni(2),
      name: 'Rosa Elvira Quispe Mendoza',
      birth: '1980-03-02',
      phone: '+51 944 765 432',
      joinedOn: '2025-01-20',
    },
    {
      documentType: 'dni',
      number: dni(3),
      name: 'Segundo Alejandro Polo Ríos',
      birth: '1965-11-23',
      joinedOn: '2025-01-20',
    },
    {
      documentType: 'dni',
      number: dni(4),
      name: 'Karina Lizbeth Chávez Vera',
      birth: '1990-05-30',
      joinedOn: '2025-02-15',
    },
  ]);
  await addMembers(em, kitchen, [
    {
      documentType: 'dni',
      number: dni(5),
      name: 'Marleny Cruz Benites',
      birth: '1976-02-11',
      phone: '+51 956 222 111',
      joinedOn: '2024-07-01',
    },
    {
      documentType: 'dni',
      number: dni(6),
      name: 'Flor de María Sánchez León',
      birth: '1983-09-09',
      joinedOn: '2024-07-01',
    },
  ]);
}

/** The membership id of a Barrio Patrimonial merchant (index into BARRIO_PATRIMONIAL_MERCHANTS). */
export function barrioPatrimonialMemberId(index: number): string {
  const personId = uuidV5(`demo:person:rut:${rut(BARRIO_PATRIMONIAL_MERCHANTS[index].body)}`);
  return uuidV5(`demo:membership:${DEMO_ASSOCIATION_IDS.barrioPatrimonial}:${personId}`);
}

/**
 * Barrio Patrimonial's constitution (DOMAIN.md §1b, story 1). The assembly is dated relative to the clock at
 * the first load, so that the provisional board's 60 days are current; the merchants joined on 2026-03-10, so
 * it is never held before 2026-03-12. Everything after it (the record, the certification with its PDFs, the
 * deposit) happens at the load, so the deposit is dated that day.
 */
export const BARRIO_PATRIMONIAL_CONSTITUTION = {
  daysAgo: 21,
  earliestAssemblyDate: '2026-03-12',
  time: '19:30',
  place: 'Salón del Restaurante La Casona del Centro, Cordovez 512, casco histórico de La Serena',
  notes: 'Asistieron los 19 socios fundadores. Sin observaciones.',
  /** Index into BARRIO_PATRIMONIAL_MERCHANTS; all 19 are founders. */
  provisionalBoard: [
    { position: 'president', merchant: 0 }, // Claudia Andrea Muñoz Araya, the demo president
    { position: 'secretary', merchant: 2 }, // María Soledad Pizarro Alfaro
    { position: 'treasurer', merchant: 1 }, // Rodrigo Esteban Castillo Rojas
    { position: 'director', merchant: 7 }, // Héctor Manuel Ramírez Barraza
    { position: 'substitute', merchant: 5, rank: 1 }, // Felipe Ignacio Aguirre Contreras
  ] as { position: BoardPosition; merchant: number; rank?: number }[],
};

export interface ConstitutionDemoDeps {
  /** Reads outside any transaction (the service methods open their own; the embedded pool has one connection). */
  manager: EntityManager;
  constitution: {
    requests: ConstitutionRequestService;
    assembly: ConstitutionAssemblyService;
    certification: ConstitutionCertificationService;
    deposits: ConstitutionDepositService;
  };
  clock: Clock;
  actorFor(userId: string): Promise<Actor | null>;
  /** The demo users who act: the board's president, La Serena's municipal officer and faith minister. */
  users: { president: string; officer: string; faithMinister: string };
}

/**
 * Runs Barrio Patrimonial's constitution through the real service, as the people of the story would: the
 * president requests a faith minister and records the assembly as held; the municipal officer assigns Jorge
 * Araya Cortés; he certifies (the acta constitutiva and the certificate, with verification codes); the
 * municipal officer records the deposit, and the association is in force. Only from `in_formation` and not yet
 * certified: loading the demo again changes nothing. Returns whether it ran.
 */
export async function loadConstitutionDemo(deps: ConstitutionDemoDeps): Promise<boolean> {
  const id = DEMO_ASSOCIATION_IDS.barrioPatrimonial;
  const association = await deps.manager.findOneBy(Association, { id });
  const constitution = await deps.manager.findOneBy(Constitution, { associationId: id });
  if (association?.status !== 'in_formation' || constitution?.certifiedAt) return false;
  const [president, officer, faithMinister] = await Promise.all([
    deps.actorFor(deps.users.president),
    deps.actorFor(deps.users.officer),
    deps.actorFor(deps.users.faithMinister),
  ]);
  if (!president || !officer || !faithMinister) return false;

  const c = BARRIO_PATRIMONIAL_CONSTITUTION;
  const timeZone = 'America/Santiago';
  const now = deps.clock.now();
  const today = localDate(now, timeZone);
  const relative = addDays(today, -c.daysAgo);
  const assemblyDate = relative < c.earliestAssemblyDate ? c.earliestAssemblyDate : relative;
  const assemblyAt = `${assemblyDate}T${c.time}`;
  if ((instantFromLocal(assemblyAt, timeZone) as Date) > now) return false; // a clock set before the story
  const by = (actor: Actor, role: string): AuditContext => ({ userId: actor.id, role, ip: null, requestId: null });

  await deps.constitution.requests.request(
    president,
    id,
    { proposedAt: assemblyAt, place: c.place },
    by(president, 'association_officer'),
  );
  await deps.constitution.requests.assignFaithMinister(officer, id, faithMinister.id, by(officer, 'municipal_officer'));
  await deps.constitution.assembly.recordAssembly(
    president,
    id,
    {
      assemblyAt,
      place: c.place,
      founderMemberIds: BARRIO_PATRIMONIAL_MERCHANTS.map((_, i) => barrioPatrimonialMemberId(i)),
      provisionalBoard: c.provisionalBoard.map((s) => ({
        position: s.position,
        memberId: barrioPatrimonialMemberId(s.merchant),
        rank: s.rank,
        declaredEligible: true,
      })),
    },
    by(president, 'association_officer'),
  );
  await deps.constitution.certification.certify(
    faithMinister,
    id,
    { notes: c.notes },
    by(faithMinister, 'faith_minister'),
  );
  await deps.constitution.deposits.deposit(officer, id, { depositedOn: today }, by(officer, 'municipal_officer'));
  return true;
}
