import type { TestContext } from '../support/test-app';
import { type IdKind, type Operation, rutOf, type Scenario } from './generators';

/** Who sends a fuzz case (anonymous and a made-up token are added by the generator). */
export type Caller =
  | 'admin'
  | 'officerOwn'
  | 'officerOther'
  | 'faithMinister'
  | 'plainUser'
  | 'assocOfficer'
  | 'assocMember'
  | 'tableCoordinator'
  | 'tableParticipant'
  | 'programOfficer';

export interface SeededScenario extends Scenario<Caller> {
  tokens: Record<Caller, string>;
}

const PASSWORD = 'clave-de-prueba-123';

/**
 * Who has the right to act on each operation (API.md, "Who may do what"), and who is signed in but has not: the
 * first get their bodies past the access checks into the handlers, the second must be refused (never 2xx) with
 * nothing written. Rules are matched in order, by the operation's path.
 */
const RIGHTS: { match: RegExp; right: Caller[]; wrong: Caller[] }[] = [
  // public: anyone may ask for a token (wrong credentials get 401)
  { match: /\/auth\/tokens$/, right: ['plainUser', 'admin'], wrong: [] },
  { match: /\/users$/, right: ['admin', 'officerOwn'], wrong: ['faithMinister', 'plainUser', 'assocOfficer'] },
  { match: /\/institutions$/, right: ['admin', 'officerOwn'], wrong: ['plainUser', 'assocMember', 'faithMinister'] },
  // the commune is in the body: another commune's officer may create in theirs, so is not listed as without the right
  { match: /\/associations$/, right: ['admin', 'officerOwn'], wrong: ['assocOfficer', 'plainUser', 'faithMinister'] },
  {
    match: /\/(recognition|deposit|objection|objection\/correction|faith-minister)$|\/people\//,
    right: ['admin', 'officerOwn'],
    wrong: ['assocOfficer', 'officerOther', 'faithMinister', 'assocMember'],
  },
  {
    match: /\/constitution\/certify$/,
    right: ['faithMinister', 'admin'],
    wrong: ['assocOfficer', 'officerOwn', 'assocMember'],
  },
  {
    match: /\/(meeting-series|meetings|calendar-feed)$|^\/api\/v1\/meetings\//,
    right: ['assocOfficer', 'admin', 'tableCoordinator', 'officerOwn'],
    wrong: ['assocMember', 'plainUser', 'officerOther', 'tableParticipant', 'faithMinister'],
  },
  {
    match: /^\/api\/v1\/commitments\//,
    right: ['assocOfficer', 'admin', 'tableCoordinator', 'tableParticipant'],
    wrong: ['assocMember', 'plainUser', 'officerOther', 'faithMinister'],
  },
  {
    match: /^\/api\/v1\/tables$/,
    right: ['admin', 'officerOwn'],
    wrong: ['plainUser', 'assocOfficer', 'assocMember'],
  },
  {
    match: /^\/api\/v1\/tables\//,
    right: ['admin', 'officerOwn', 'tableCoordinator'],
    wrong: ['tableParticipant', 'assocOfficer', 'officerOther', 'plainUser'],
  },
  // a program (issue 17): the admin and its officer; the association's officer shares its roster with it
  {
    match: /\/program-consents/,
    right: ['admin', 'assocOfficer'],
    wrong: ['programOfficer', 'plainUser', 'officerOther'],
  },
  { match: /^\/api\/v1\/programs$/, right: ['admin'], wrong: ['programOfficer', 'plainUser', 'officerOwn'] },
  {
    match: /^\/api\/v1\/(programs|program-activities)\//,
    right: ['admin', 'programOfficer'],
    wrong: ['plainUser', 'officerOwn', 'assocOfficer'],
  },
  // the fund calendar (issue 18): calls by the admin (and officers of their territory), applications and
  // declarations by the association's officers or the program's officer, subscriptions and feeds by anyone signed in
  {
    match: /^\/api\/v1\/fund-calls(\/import)?$/,
    right: ['admin'],
    wrong: ['plainUser', 'assocOfficer', 'assocMember'],
  },
  {
    match: /^\/api\/v1\/fund-calls\/\{\w+\}$/,
    right: ['admin'],
    wrong: ['plainUser', 'assocOfficer', 'officerOther', 'programOfficer'],
  },
  {
    match: /^\/api\/v1\/fund-calls\/\{\w+\}\/applications$|^\/api\/v1\/fund-applications\//,
    right: ['admin', 'assocOfficer'],
    wrong: ['plainUser', 'officerOther', 'assocMember'],
  },
  { match: /\/subscription$|^\/api\/v1\/fund-feeds/, right: ['plainUser', 'admin'], wrong: [] },
  {
    match: /^\/api\/v1\/associations\/\{\w+\}\/fund-declarations$/,
    right: ['admin', 'assocOfficer'],
    wrong: ['assocMember', 'plainUser', 'officerOther'],
  },
  {
    match: /^\/api\/v1\/program-beneficiaries\//,
    right: ['admin', 'programOfficer'],
    wrong: ['plainUser', 'officerOwn', 'assocOfficer'],
  },
  // market weeks (issue 19): the venues of the program, run by the admin and its officer
  {
    match: /^\/api\/v1\/(market-venues|market-slots)/,
    right: ['admin', 'programOfficer'],
    wrong: ['plainUser', 'officerOwn', 'assocOfficer'],
  },
  {
    match: /^\/api\/v1\/associations\//,
    right: ['admin', 'officerOwn', 'assocOfficer'],
    wrong: ['assocMember', 'officerOther', 'plainUser', 'faithMinister'],
  },
];

function callersFor(op: Operation): { right: Caller[]; wrong: Caller[] } {
  const path = op.template.replace(/\{\w+\}/g, '{}');
  const rule = RIGHTS.find((r) => r.match.test(op.template) || r.match.test(path));
  return rule ?? { right: ['admin'], wrong: ['plainUser'] };
}

/**
 * The world the fuzzer's requests land in, built through the API as its users would (fixed names and RUTs, so two
 * runs build the same scenario): an association in formation with a constitution requested and a faith minister
 * assigned, a trade association in force with a calendar of meetings (one held with approved minutes, one held
 * with a draft acta and its commitments, future ones with an agenda), and a commune security table with
 * participants, an axis, a held session with minutes and an institution's commitment.
 */
export async function seedScenario(ctx: TestContext): Promise<SeededScenario> {
  const users = {
    admin: await ctx.newUser({ email: 'fuzz.admin@example.cl', roles: [['admin', null]] }),
    officerOwn: await ctx.newUser({ email: 'fuzz.dideco@example.cl', roles: [['municipal_officer', '04101']] }),
    officerOther: await ctx.newUser({ email: 'fuzz.melipilla@example.cl', roles: [['municipal_officer', '13501']] }),
    faithMinister: await ctx.newUser({ email: 'fuzz.ministro@example.cl', roles: [['faith_minister', '04101']] }),
    plainUser: await ctx.newUser({ email: 'fuzz.persona@example.cl' }),
  };
  const token = (u: { email: string; password: string }) => ctx.apiToken(u);
  const officer = await token(users.officerOwn);

  const api = async (
    as: string,
    method: 'post' | 'put' | 'patch',
    path: string,
    body: unknown,
    expected = [200, 201],
  ): Promise<Record<string, unknown>> => {
    const res = await ctx.http[method](path)
      .set('Authorization', `Bearer ${as}`)
      .send(body as object);
    if (!expected.includes(res.status))
      throw new Error(`seeding: ${method.toUpperCase()} ${path} answered ${res.status}: ${res.text.slice(0, 500)}`);
    return res.body as Record<string, unknown>;
  };

  // an association in formation (La Serena) with eight members
  const inFormation = (await api(officer, 'post', '/api/v1/associations', {
    communeCode: '04101',
    kind: 'functional_organization',
    name: 'Club Deportivo Fuzz de Las Compañías',
    area: 'urban',
    address: 'Calle Prat 450, La Serena',
  })) as { id: string };
  // a trade association registered with the Ministry of Economy: in force from the start (DOM-ORG-13)
  const inForce = (await api(officer, 'post', '/api/v1/associations', {
    communeCode: '04101',
    kind: 'trade_association',
    name: 'Asociación Gremial Fuzz del Centro',
    area: 'urban',
    address: 'Cordovez 560, La Serena',
    registryNumber: '4512-AG',
    registeredOn: '2025-11-20',
  })) as { id: string };
  const membersOf: Record<string, string[]> = { [inFormation.id]: [], [inForce.id]: [] };
  const persons: string[] = [];
  let rutBody = 11_111_000;
  for (const [associationId, n] of [
    [inFormation.id, 8],
    [inForce.id, 6],
  ] as const) {
    for (let i = 0; i < n; i++) {
      const m = (await api(officer, 'post', `/api/v1/associations/${associationId}/members`, {
        rut: rutOf(rutBody++),
        fullName: `Socia Fuzz ${String.fromCharCode(65 + i)} ${associationId === inForce.id ? 'Gremio' : 'Club'}`,
        birthDate: '1980-05-04',
        email: `socia.${i}.${associationId.slice(0, 6)}@example.cl`,
        joinedOn: '2026-03-01',
      })) as { id: string; personId: string };
      membersOf[associationId].push(m.id);
      persons.push(m.personId);
    }
  }
  // one member suspended, one ended (their own branches of the roster's rules)
  await api(officer, 'post', `/api/v1/associations/${inForce.id}/members/${membersOf[inForce.id][5]}/suspend`, {
    reason: 'Cuotas impagas',
  });
  await api(officer, 'post', `/api/v1/associations/${inFormation.id}/members/${membersOf[inFormation.id][7]}/end`, {
    leftOn: '2026-03-10',
    reason: 'Renuncia voluntaria',
  });

  const moreUsers = {
    assocOfficer: await ctx.newUser({
      email: 'fuzz.directiva@example.cl',
      roles: [
        ['association_officer', inFormation.id],
        ['association_officer', inForce.id],
      ],
    }),
    assocMember: await ctx.newUser({
      email: 'fuzz.socia@example.cl',
      roles: [
        ['association_member', inFormation.id],
        ['association_member', inForce.id],
      ],
    }),
  };
  const assocOfficer = await token(moreUsers.assocOfficer);

  // the constitution of the association in formation: requested, faith minister assigned
  await api(assocOfficer, 'post', `/api/v1/associations/${inFormation.id}/constitution/request`, {
    proposedAt: '2026-04-14T19:30',
    place: 'Sede vecinal, Prat 450',
  });
  await api(officer, 'put', `/api/v1/associations/${inFormation.id}/constitution/faith-minister`, {
    faithMinisterUserId: users.faithMinister.id,
  });

  // meetings of the association in force
  const meetingIds: string[] = [];
  const series = (await api(assocOfficer, 'post', `/api/v1/associations/${inForce.id}/meeting-series`, {
    localStart: '2026-03-24T19:30',
    every: '2 weeks',
    count: 3,
    place: 'Sede de la Cámara de Comercio, Prat 560',
  })) as { meetings: { id: string }[] };
  meetingIds.push(...series.meetings.map((m) => m.id));
  const heldApproved = (
    (await api(assocOfficer, 'post', `/api/v1/associations/${inForce.id}/meetings`, {
      localStart: '2026-03-03T19:30',
      place: 'Sede, Prat 560',
    })) as { id: string }
  ).id;
  const heldDraft = (
    (await api(assocOfficer, 'post', `/api/v1/associations/${inForce.id}/meetings`, {
      localStart: '2026-03-10T19:30',
      place: 'Sede, Prat 560',
    })) as { id: string }
  ).id;
  meetingIds.push(heldApproved, heldDraft);
  const active = membersOf[inForce.id].slice(0, 5);
  for (const meetingId of [heldApproved, heldDraft])
    await api(
      assocOfficer,
      'put',
      `/api/v1/meetings/${meetingId}/attendance`,
      active.map((memberId, i) => ({ memberId, status: i < 4 ? 'present' : 'absent' })),
    );
  for (const title of ['Seguridad en el centro', 'Feria navideña'])
    await api(assocOfficer, 'post', `/api/v1/meetings/${series.meetings[0].id}/agenda`, { title });
  await api(assocOfficer, 'put', `/api/v1/meetings/${heldApproved}/minutes`, {
    items: [{ title: 'Cuenta de la directiva', notes: 'Se informa el balance del mes.' }],
    agreements: [{ text: 'Aprobar el balance.', votesFor: 4, votesAgainst: 0, abstentions: 0 }],
    commitments: [],
  });
  await api(assocOfficer, 'post', `/api/v1/meetings/${heldApproved}/minutes/approve`, {});
  await api(assocOfficer, 'put', `/api/v1/meetings/${heldDraft}/minutes`, {
    items: [{ title: 'Seguridad', notes: 'Reunión con Carabineros.' }],
    agreements: [{ text: 'Pedir rondas preventivas.', votesFor: 3, votesAgainst: 1, abstentions: 0 }],
    commitments: [
      { description: 'Enviar la carta a la Prefectura', ownerMemberId: active[1], dueOn: '2026-04-15' },
      { description: 'Rondas preventivas', ownerInstitutionName: 'Carabineros de Chile', dueOn: '2026-03-12' },
    ],
  });

  // a commune security table with two institutions' representatives, an axis and a held session
  const table = (await api(officer, 'post', '/api/v1/tables', {
    kind: 'security',
    name: 'Mesa técnica de seguridad fuzz',
    scopeLevel: 'commune',
    scopeCode: '04101',
  })) as { id: string };
  const participants: string[] = [];
  const institutions: string[] = [];
  for (const p of [
    {
      institutionName: 'Carabineros de Chile, 1.ª Comisaría',
      institutionKind: 'police',
      name: 'Mayor Rodrigo Fuentes',
    },
    { institutionName: 'Policía de Investigaciones', institutionKind: 'investigations_police', name: 'Luis Tapia' },
  ]) {
    const added = (await api(officer, 'post', `/api/v1/tables/${table.id}/participants`, p)) as {
      id: string;
      institutionId: string;
    };
    participants.push(added.id);
    institutions.push(added.institutionId);
  }
  await api(officer, 'post', `/api/v1/tables/${table.id}/axes`, { name: 'Prevención', participantIds: participants });
  const session = (
    (await api(officer, 'post', `/api/v1/tables/${table.id}/meetings`, {
      localStart: '2026-03-05T10:00',
      place: 'Sala de reuniones de la Municipalidad',
    })) as { id: string }
  ).id;
  meetingIds.push(session);
  await api(
    officer,
    'put',
    `/api/v1/meetings/${session}/attendance`,
    participants.map((participantId) => ({ participantId, status: 'present' })),
  );
  await api(officer, 'put', `/api/v1/meetings/${session}/minutes`, {
    items: [{ title: 'Robos en el centro', notes: 'Carabineros informa.' }],
    agreements: [{ text: 'Aumentar las rondas.', votesFor: 2, votesAgainst: 0, abstentions: 0 }],
    commitments: [{ description: 'Rondas diarias', ownerInstitutionId: institutions[0], dueOn: '2026-03-20' }],
  });

  const tableUsers = {
    tableCoordinator: await ctx.newUser({
      email: 'fuzz.coordinacion@example.cl',
      roles: [['table_coordinator', table.id]],
    }),
    tableParticipant: await ctx.newUser({
      email: 'fuzz.carabineros@example.cl',
      roles: [['table_participant', table.id]],
    }),
  };

  // a program of the region with the association in force enrolled, sharing its roster; a beneficiary; an activity
  const adminToken = await token(users.admin);
  const program = (await api(adminToken, 'post', '/api/v1/programs', {
    name: 'Programa Fuzz',
    kind: 'associative',
    year: 2026,
    agencyName: 'Sercotec Fuzz',
    regionCode: '04',
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    budgetClp: 5_000_000,
    lines: ['Capital social'],
  })) as { id: string };
  await api(adminToken, 'post', `/api/v1/programs/${program.id}/associations`, {
    associationId: inForce.id,
    enrolledOn: '2026-02-01',
  });
  await api(assocOfficer, 'post', `/api/v1/associations/${inForce.id}/program-consents`, {
    programId: program.id,
    textVersion: 'programa-registro-2026-12',
  });
  const beneficiary = (await api(adminToken, 'post', `/api/v1/programs/${program.id}/beneficiaries`, {
    associationId: inForce.id,
    memberId: membersOf[inForce.id][0],
    ownerSex: 'female',
    businessName: 'Negocio Fuzz',
    businessCategory: 'Almacén',
    enrolledOn: '2026-03-01',
  })) as { id: string };
  const activity = (await api(adminToken, 'post', `/api/v1/programs/${program.id}/activities`, {
    title: 'Taller Fuzz',
    localStart: '2026-03-10T10:00',
    place: 'Sede',
  })) as { id: string };
  const programUser = await ctx.newUser({
    email: 'fuzz.sercotec@example.cl',
    roles: [['program_officer', program.id]],
  });

  // a fund call of the region, open now, with the association's application (issue 18)
  const fundCall = (await api(adminToken, 'post', '/api/v1/fund-calls', {
    institutionName: 'Gobierno Regional Fuzz',
    name: 'Fondo Fuzz de Seguridad',
    year: 2026,
    scope: 'regional',
    regionCodes: ['04'],
    category: 'security',
    targetApplicant: 'organizations',
    amountMinClp: 1_000_000,
    amountMaxClp: 10_000_000,
    opensAt: '2026-11-01T09:00',
    closesAt: '2027-06-30T17:00',
    requirements: { legalPersonalityInForce: true, boardInForce: true },
  })) as { id: string };
  const fundApplication = (await api(assocOfficer, 'post', `/api/v1/fund-calls/${fundCall.id}/applications`, {
    associationId: inForce.id,
    amountRequestedClp: 3_500_000,
  })) as { id: string };
  // a market venue of the program with December applied for and drafted (issue 19)
  const venue = (await api(adminToken, 'post', '/api/v1/market-venues', {
    name: 'Feria Fuzz',
    address: 'Plaza de Armas, La Serena',
    communeCode: '04101',
    programId: program.id,
    standsPerWeek: 2,
  })) as { id: string };
  await api(adminToken, 'post', `/api/v1/market-venues/${venue.id}/applications`, {
    beneficiaryId: beneficiary.id,
    month: '2026-12',
  });
  await api(adminToken, 'post', `/api/v1/market-venues/${venue.id}/allocations`, { month: '2026-12' });

  const tokens = { officerOwn: officer, assocOfficer, admin: adminToken } as Record<Caller, string>;
  for (const [caller, user] of Object.entries({ ...users, ...moreUsers, ...tableUsers, programOfficer: programUser }))
    tokens[caller as Caller] ??= await token(user);
  // each token's first use records when it was used: done here, so that no fuzz case's refusal does it
  for (const t of Object.values(tokens))
    await ctx.http.get('/api/v1/me').set('Authorization', `Bearer ${t}`).expect(200);

  const column = async (sql: string) => (await ctx.query<{ id: string }>(sql)).map((r) => r.id);
  const ids: Record<IdKind, string[]> = {
    association: [inFormation.id, inForce.id],
    member: [...membersOf[inFormation.id], ...membersOf[inForce.id]],
    person: persons,
    meeting: meetingIds,
    commitment: await column(`SELECT id FROM commitment ORDER BY description`),
    table: [table.id],
    participant: participants,
    institution: institutions,
    agendaItem: await column(`SELECT id FROM agenda_item WHERE source = 'manual' ORDER BY title`),
    minutes: await column(`SELECT id FROM minutes WHERE status = 'approved'`),
    faithMinisterUser: [users.faithMinister.id],
    user: Object.values({ ...users, ...moreUsers, ...tableUsers }).map((u) => u.id),
    program: [program.id],
    beneficiary: [beneficiary.id],
    activity: [activity.id],
    fundCall: [fundCall.id],
    fundApplication: [fundApplication.id],
    marketVenue: [venue.id],
    marketSlot: await column(`SELECT id FROM market_slot ORDER BY week_starts_on, stand`),
  };
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  for (const [kind, list] of Object.entries(ids))
    if (!list.length || !list.every((id) => uuid.test(id)))
      throw new Error(`seeding: the scenario's ${kind} ids are not ids: ${JSON.stringify(list)}`);
  // a generated body holds copies: a case that changed the scenario's lists would change every later case
  for (const list of [...Object.values(ids), ...Object.values(membersOf)]) Object.freeze(list);
  const activeOf = (associationId: string) => membersOf[associationId].filter((_, i) => i < 5);
  const related: SeededScenario['related'] = {
    [inFormation.id]: { member: activeOf(inFormation.id) },
    [inForce.id]: { member: activeOf(inForce.id) },
    [table.id]: { participant: participants, institution: institutions },
    [session]: { participant: participants, institution: institutions },
  };
  for (const meetingId of meetingIds.filter((m) => m !== session))
    related[meetingId] = { member: activeOf(inForce.id), agendaItem: ids.agendaItem };
  const association: Caller[] = ['admin', 'officerOwn', 'assocOfficer'];
  const ofTable: Caller[] = ['admin', 'officerOwn', 'tableCoordinator'];
  const actors: SeededScenario['actors'] = {
    [inFormation.id]: association,
    [inForce.id]: association,
    [table.id]: ofTable,
    [session]: ofTable,
  };
  for (const meetingId of meetingIds.filter((m) => m !== session)) actors[meetingId] = ['admin', 'assocOfficer'];
  for (const { id, table_id } of await ctx.query<{ id: string; table_id: string | null }>(
    `SELECT id, table_id FROM commitment`,
  ))
    actors[id] = table_id ? ofTable : ['admin', 'assocOfficer'];
  for (const personId of persons) actors[personId] = ['admin', 'officerOwn'];
  actors[program.id] = ['admin', 'programOfficer'];
  actors[activity.id] = ['admin', 'programOfficer'];
  related[program.id] = { association: [inForce.id], beneficiary: [beneficiary.id], member: activeOf(inForce.id) };
  related[activity.id] = { beneficiary: [beneficiary.id] };
  actors[venue.id] = ['admin', 'programOfficer'];
  related[venue.id] = { beneficiary: [beneficiary.id], program: [program.id] };
  for (const slot of ids.marketSlot) actors[slot] = ['admin', 'programOfficer'];
  actors[fundCall.id] = ['admin', 'assocOfficer', 'plainUser'];
  related[fundCall.id] = { association: [inForce.id], beneficiary: [beneficiary.id] };
  actors[fundApplication.id] = ['admin', 'assocOfficer'];
  return {
    ids,
    membersOf,
    related,
    actors,
    callersFor,
    login: { email: users.plainUser.email, password: PASSWORD },
    tokens,
  };
}
