import { createHash } from 'node:crypto';
import { MinutesChain } from '../../src/meetings/minutes-chain.service';
import { OutboxWorker } from '../../src/mail/outbox.worker';
import { pdfText } from '../support/pdf-text';
import { SmtpPeer } from '../support/smtp-peer';
import { createTestApp, TestContext } from '../support/test-app';
import { minutesPdf } from '../support/meeting-api';
import { Factories } from '../factories/factories';
import { bearer, problem } from '../support/api-problem';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Minutes: agreements with votes, commitments, approval that locks and chains, the PDF acta and its distribution (DOM-MTG-7 to -10). */
describe('minutes (actas)', () => {
  let peer: SmtpPeer;
  let ctx: TestContext;
  let president: string;
  let worker: OutboxWorker;
  let associationId: string;
  let memberIds: string[];
  let presidentName: string;
  beforeAll(async () => {
    peer = await SmtpPeer.start();
    ctx = await createTestApp({ env: { SMTP_URL: peer.url, MAIL_WORKER: 'false', LOGIN_RATE_LIMIT: '1000' } });
    worker = ctx.get(OutboxWorker);
    const a = await ctx.newAssociation({ name: 'Barrio Patrimonial La Serena' });
    associationId = a.id;
    memberIds = await enrol(a.id, 6, (i) => ({
      fullName: `Socia ${String(i + 1).padStart(2, '0')} Muñoz`,
      email: i < 4 ? `socia${i + 1}@example.cl` : undefined,
    }));
    // a board in office with a president and a secretary; the president signs in with her own account
    await seatBoard(a.id, [memberIds[0], memberIds[1], memberIds[2]]);
    const [person] = await ctx.query<{ person_id: string }>(`SELECT person_id FROM membership WHERE id = $1`, [
      memberIds[0],
    ]);
    presidentName = 'Socia 01 Muñoz';
    president = await ctx.apiToken(
      await ctx.newUser({ name: presidentName, personId: person.person_id, roles: [['association_officer', a.id]] }),
    );
  });
  afterAll(async () => {
    await ctx.close();
    await peer.stop();
  });
  beforeEach(() => peer.messages.splice(0));

  const meeting = async (localStart: string) =>
    (
      await ctx.http
        .post(`/api/v1/associations/${associationId}/meetings`)
        .set(bearer(president))
        .send({ localStart, place: 'Sede, Prat 560' })
        .expect(201)
    ).body.id as string;
  /** Enrols `n` members in association `aid`, one after another, the i-th as `member(i)` says: their membership ids. */
  const enrol = async (aid: string, n: number, member: (i: number) => Parameters<TestContext['newMember']>[1]) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await ctx.newMember(aid, member(i))).id);
    return ids;
  };
  /** A provisional board in office from 1 March to 29 April 2026: its president, its secretary and (if given) its treasurer. */
  const seatBoard = async (aid: string, [president, secretary, treasurer]: string[]) => {
    const [term] = await ctx.query<{ id: string }>(
      `INSERT INTO board_term (association_id, kind, starts_on, ends_on) VALUES ($1, 'provisional', '2026-03-01', '2026-04-29') RETURNING id`,
      [aid],
    );
    await ctx.query(
      `INSERT INTO board_seat (term_id, membership_id, position, declared_eligible) VALUES ($1, $2, 'president', true), ($1, $3, 'secretary', true)`,
      [term.id, president, secretary],
    );
    if (treasurer)
      await ctx.query(
        `INSERT INTO board_seat (term_id, membership_id, position, declared_eligible) VALUES ($1, $2, 'treasurer', true)`,
        [term.id, treasurer],
      );
  };
  /** A meeting's PDF acta (200), its body read as a Buffer. */
  const actaPdf = (meetingId: string, token = president) => minutesPdf(ctx, meetingId, token);
  /** A meeting of association `aid` held on 10 March, its minutes (one item) written and approved by `token`. */
  const approvedMeeting = async (aid: string, token: string) => {
    const held = (
      await ctx.http
        .post(`/api/v1/associations/${aid}/meetings`)
        .set(bearer(token))
        .send({ localStart: '2026-03-10T19:30', place: 'Sede vecinal' })
        .expect(201)
    ).body.id as string;
    await ctx.http
      .put(`/api/v1/meetings/${held}/minutes`)
      .set(bearer(token))
      .send({ items: [{ title: 'Varios', notes: 'Sin novedades.' }] })
      .expect(200);
    const approval = (await ctx.http.post(`/api/v1/meetings/${held}/minutes/approve`).set(bearer(token)).expect(200))
      .body as Record<string, unknown>;
    return { held, approval };
  };
  /** Marks the first `n` members present (the rest absent). */
  const attend = (meetingId: string, n: number) =>
    ctx.http
      .put(`/api/v1/meetings/${meetingId}/attendance`)
      .set(bearer(president))
      .send(
        memberIds.map((id, i) => ({
          memberId: id,
          status: i < n ? 'present' : 'absent',
          mode: i === 1 ? 'online' : 'in_person',
        })),
      )
      .expect(200);
  const draft = (extra: object = {}) => ({
    items: [
      {
        title: 'Seguridad en el centro',
        notes: 'Se informa la reunión de la mesa técnica con Carabineros y la Municipalidad.',
      },
    ],
    agreements: [
      {
        text: 'Solicitar más presencia policial en O’Higgins y Eduardo de la Barra.',
        votesFor: 4,
        votesAgainst: 1,
        abstentions: 0,
      },
      {
        text: 'Reformar el estatuto para reuniones en línea.',
        votesFor: 3,
        votesAgainst: 2,
        abstentions: 0,
        majority: 'two_thirds',
      },
    ],
    commitments: [
      { description: 'Enviar la carta a la Prefectura', ownerMemberId: memberIds[1], dueOn: '2026-04-15' },
      { description: 'Rondas preventivas diarias', ownerInstitutionName: 'Carabineros de Chile', dueOn: '2026-03-20' },
      { description: 'Cotizar la imagen corporativa', ownerName: 'Diseñadora Paula Rojas', dueOn: '2026-05-30' },
    ],
    ...extra,
  });

  it('DOM-MTG-7, -8: a draft computes each outcome, flags nothing with quorum, and its commitments are live at once (on the next agenda, in the list, overdue derived)', async () => {
    const held = await meeting('2026-03-03T19:30');
    await attend(held, 5); // 5 of 6 present: quorum 4
    const saved = await ctx.http
      .put(`/api/v1/meetings/${held}/minutes`)
      .set(bearer(president))
      .send(draft())
      .expect(200);
    expect(saved.body).toMatchObject({
      status: 'draft',
      version: 1,
      number: 1,
      provisionalNumber: true,
      quorum: { required: 4, present: 5, reached: true },
    });
    expect(
      saved.body.agreements.map((a: { number: number; outcome: string; majority: string; withoutQuorum: boolean }) => [
        a.number,
        a.majority,
        a.outcome,
        a.withoutQuorum,
      ]),
    ).toEqual([
      [1, 'simple', 'approved', false],
      [2, 'two_thirds', 'rejected', false], // 3 of 5 present is less than two thirds (4)
    ]);
    expect(
      saved.body.commitments.map((c: { owner: { kind: string; name: string } }) => [c.owner.kind, c.owner.name]),
    ).toEqual([
      ['member', 'Socia 02 Muñoz'],
      ['institution', 'Carabineros de Chile'],
      ['person', 'Diseñadora Paula Rojas'],
    ]);

    // DOM-MTG-4: the next meeting's agenda carries the open commitments, from the draft on
    const next = await meeting('2026-03-24T19:30');
    const agenda = (await ctx.http.get(`/api/v1/meetings/${next}`).set(bearer(president)).expect(200)).body.agenda;
    expect(
      agenda
        .filter((a: { source: string }) => a.source === 'carried_commitment')
        .map((a: { title: string }) => a.title),
    ).toEqual(['Enviar la carta a la Prefectura', 'Rondas preventivas diarias', 'Cotizar la imagen corporativa']);
    ctx.clock.set('2026-03-21T15:00:00.000Z');
    try {
      const overdue = (
        await ctx.http
          .get(`/api/v1/commitments?associationId=${associationId}&overdue=true`)
          .set(bearer(await ctx.apiToken(await ctx.newUser({ roles: [['association_officer', associationId]] }))))
          .expect(200)
      ).body;
      expect(overdue.items.map((c: { description: string; overdue: boolean }) => [c.description, c.overdue])).toEqual([
        ['Rondas preventivas diarias', true],
      ]);
      // issue 20 item 5: the next meeting's agenda marks it overdue (the page shows a badge, the notice says so)
      const marked = (await ctx.http.get(`/api/v1/meetings/${next}`).set(bearer(president)).expect(200)).body.agenda;
      expect(
        marked
          .filter((a: { source: string }) => a.source === 'carried_commitment')
          .map((a: { title: string; overdue: boolean; detail: string }) => [
            a.title,
            a.overdue,
            a.detail.split(' (')[0],
          ]),
      ).toEqual([
        ['Enviar la carta a la Prefectura', false, 'Compromiso pendiente'],
        ['Rondas preventivas diarias', true, 'Compromiso vencido'],
        ['Cotizar la imagen corporativa', false, 'Compromiso pendiente'],
      ]);
    } finally {
      ctx.clock.set('2026-03-17T15:00:00.000Z');
    }

    // a commitment done drops off the next agenda and keeps its history
    const rondas = saved.body.commitments[1].id;
    const done = await ctx.http
      .post(`/api/v1/commitments/${rondas}/updates`)
      .set(bearer(president))
      .send({ status: 'done', note: 'Carabineros confirmó dos rondas diarias.' })
      .expect(201);
    expect(done.body).toMatchObject({ status: 'done', progress: 100, overdue: false });
    const after = (await ctx.http.get(`/api/v1/meetings/${next}`).set(bearer(president)).expect(200)).body.agenda;
    expect(
      after.filter((a: { source: string }) => a.source === 'carried_commitment').map((a: { title: string }) => a.title),
    ).toEqual(['Enviar la carta a la Prefectura', 'Cotizar la imagen corporativa']);
    const history = (await ctx.http.get(`/api/v1/commitments/${rondas}`).set(bearer(president)).expect(200)).body;
    expect(history.updates).toEqual([
      expect.objectContaining({
        status: 'done',
        progress: 100,
        note: 'Carabineros confirmó dos rondas diarias.',
        by: presidentName,
      }),
    ]);
  });

  it('DOM-MTG-8: a commitment owned by an institution of the shared list is found by institution', async () => {
    const officer = await ctx.apiToken(await ctx.newUser({ roles: [['municipal_officer', '04101']] }));
    const pdi = (
      await ctx.http
        .post('/api/v1/institutions')
        .set(bearer(officer))
        .send({
          name: 'Policía de Investigaciones, Brigada La Serena',
          kind: 'investigations_police',
          communeCode: '04101',
        })
        .expect(201)
    ).body;
    const held = await meeting('2026-03-04T19:30');
    const saved = (
      await ctx.http
        .put(`/api/v1/meetings/${held}/minutes`)
        .set(bearer(president))
        .send({
          commitments: [
            { description: 'Informar los delitos del sector', ownerInstitutionId: pdi.id, dueOn: '2026-04-30' },
          ],
        })
        .expect(200)
    ).body;
    expect(saved.commitments[0].owner).toEqual({
      kind: 'institution',
      id: pdi.id,
      name: 'Policía de Investigaciones, Brigada La Serena',
    });
    const unknown = await ctx.http
      .put(`/api/v1/meetings/${held}/minutes`)
      .set(bearer(president))
      .send({
        version: 1,
        commitments: [
          { description: 'x', ownerInstitutionId: '00000000-0000-4000-8000-000000000000', dueOn: '2026-04-30' },
        ],
      });
    expect([unknown.status, problem(unknown).errors![0].field]).toEqual([400, 'commitments[0].ownerInstitutionId']);
    const found = (
      await ctx.http
        .get(`/api/v1/commitments?associationId=${associationId}&institutionId=${pdi.id}`)
        .set(bearer(president))
        .expect(200)
    ).body;
    expect(found.items.map((c: { description: string }) => c.description)).toEqual(['Informar los delitos del sector']);
  });

  it('DOM-MTG-6: agreements taken without quorum are flagged; more votes than members present is a 400 naming the field, nothing written', async () => {
    const held = await meeting('2026-03-05T19:30');
    await attend(held, 2); // 2 of 6: no quorum
    const saved = await ctx.http
      .put(`/api/v1/meetings/${held}/minutes`)
      .set(bearer(president))
      .send({ agreements: [{ text: 'Pintar la fachada', votesFor: 2, votesAgainst: 0, abstentions: 0 }] })
      .expect(200);
    expect(saved.body.agreements[0]).toMatchObject({ outcome: 'approved', withoutQuorum: true });
    const pdf = await actaPdf(held);
    expect((await pdfText(pdf.body as Buffer)).text).toContain('Adoptado sin quórum.');

    const before = { agreements: await ctx.count('agreement'), commitments: await ctx.count('commitment') };
    const bad = await ctx.http
      .put(`/api/v1/meetings/${held}/minutes`)
      .set(bearer(president))
      .send({
        version: 1,
        agreements: [
          { text: 'Pintar la fachada', votesFor: 3, votesAgainst: 0, abstentions: 0 },
          { text: '', votesFor: -1 },
        ],
        commitments: [
          { description: 'Sin responsable', dueOn: '2026-04-01' },
          { description: 'Sin plazo', ownerName: 'Juan' },
        ],
      });
    expect(bad.status).toBe(400);
    expect(problem(bad).errors!.map((e) => e.field)).toEqual(
      expect.arrayContaining([
        'agreements[0].votesFor',
        'agreements[1].text',
        'agreements[1].votesFor',
        'commitments[0].ownerMemberId',
        'commitments[1].dueOn',
      ]),
    );
    expect(problem(bad).errors!.find((e) => e.field === 'agreements[0].votesFor')!.message).toBe(
      'Acuerdo 1: hay 3 votos (a favor, en contra y abstenciones) y solo 2 socios presentes.',
    );
    expect({ agreements: await ctx.count('agreement'), commitments: await ctx.count('commitment') }).toEqual(before);
    expect(
      (await ctx.http.get(`/api/v1/meetings/${held}/minutes`).set(bearer(president)).expect(200)).body.version,
    ).toBe(1);
  });

  it('DOM-MTG-9: two editors: the second save from a stale version gets 409 VERSION_CONFLICT and overwrites nothing', async () => {
    const held = await meeting('2026-03-06T19:30');
    await ctx.http
      .put(`/api/v1/meetings/${held}/minutes`)
      .set(bearer(president))
      .send({ version: 0, items: [{ title: 'Varios', notes: 'Primera versión' }] })
      .expect(200);
    await ctx.http
      .put(`/api/v1/meetings/${held}/minutes`)
      .set(bearer(president))
      .send({ version: 1, items: [{ title: 'Varios', notes: 'Editado por la presidenta' }] })
      .expect(200);
    const stale = await ctx.http
      .put(`/api/v1/meetings/${held}/minutes`)
      .set(bearer(president))
      .send({ version: 1, items: [{ title: 'Varios', notes: 'Editado por el secretario' }] });
    expect([stale.status, problem(stale).code]).toEqual([409, 'VERSION_CONFLICT']);
    expect(
      (await ctx.http.get(`/api/v1/meetings/${held}/minutes`).set(bearer(president)).expect(200)).body,
    ).toMatchObject({ version: 2, items: [{ notes: 'Editado por la presidenta' }] });
  });

  describe('approval, integrity and the PDF', () => {
    let first: string;
    let second: string;
    let approved: {
      number: number;
      contentHash: string;
      verificationCode: string;
      approvedBy: string;
      approverPosition: string;
    };
    beforeAll(async () => {
      const a = await ctx.newAssociation({ name: 'Agrupación Comercial Cordovez', rut: '65432109-4' });
      associationId = a.id;
      memberIds = await enrol(a.id, 4, (i) => ({
        fullName: `Comerciante ${i + 1} Araya`,
        email: `comerciante${i + 1}@example.cl`,
      }));
      memberIds.push((await ctx.newMember(a.id, { fullName: 'Comerciante 5 Sin Correo' })).id);
      president = await ctx.apiToken(await ctx.newUser({ roles: [['association_officer', a.id]] }));
      first = await meeting('2026-03-03T19:30');
      second = await meeting('2026-03-10T19:30');
      await attend(first, 5);
      await ctx.http.put(`/api/v1/meetings/${first}/minutes`).set(bearer(president)).send(draft()).expect(200);
    });

    it('DOM-MTG-10: a draft PDF says BORRADOR in its title and carries no verification code', async () => {
      const res = await actaPdf(first);
      expect(res.headers['content-type']).toBe('application/pdf');
      const text = (await pdfText(res.body as Buffer)).text;
      expect(text).toContain('BORRADOR · Acta: Reunión ordinaria'); // issue 20 item 3: no number until approved
      expect(text).not.toContain('Acta N°');
      expect(text).not.toContain('Código de verificación');
    });

    it('DOM-MTG-9: approval numbers, hashes and issues the acta; a second approval is 409; two at once give one success and one 409', async () => {
      const early = await ctx.http
        .post(`/api/v1/meetings/${await meeting('2026-04-07T19:30')}/minutes/approve`)
        .set(bearer(president));
      expect([early.status, problem(early).code]).toEqual([422, 'MEETING_NOT_HELD']);
      const unwritten = await ctx.http
        .post(`/api/v1/meetings/${await meeting('2026-03-11T19:30')}/minutes/approve`)
        .set(bearer(president));
      expect([unwritten.status, problem(unwritten).code]).toEqual([422, 'MINUTES_NOT_WRITTEN']);
      const [a, b] = await Promise.all([
        ctx.http.post(`/api/v1/meetings/${first}/minutes/approve`).set(bearer(president)),
        ctx.http.post(`/api/v1/meetings/${first}/minutes/approve`).set(bearer(president)),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      approved = (a.status === 200 ? a : b).body;
      expect(approved).toMatchObject({ number: 1, previousHash: null, approvedAt: '2026-03-17T15:00:00.000Z' });
      expect(approved.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(problem(a.status === 409 ? a : b).code).toBe('ALREADY_APPROVED');
      expect((await ctx.http.get(`/api/v1/verify/${approved.verificationCode}`).expect(200)).body).toMatchObject({
        kind: 'minutes',
        status: 'valid',
        subject: 'Acta N° 1 de Agrupación Comercial Cordovez, reunión del 03-03-2026',
      });
    });

    it('DOM-MTG-10: the approved PDF states the quorum, the numbered agreements with their votes and outcome, the commitments, signatures and its code', async () => {
      const res = await actaPdf(first);
      const { text, pageCount } = await pdfText(res.body as Buffer);
      const flat = text.replace(/\s+/g, ' ');
      for (const expected of [
        'Acta N° 1: Reunión ordinaria',
        'Agrupación Comercial Cordovez',
        'RUT 65.432.109-4',
        'martes 03-03-2026',
        'Quórum en primera citación: se requerían 3 socios presentes (la mayoría absoluta de los 5 socios activos); asistieron 5. Hubo quórum.',
        'Acuerdo N° 1: Solicitar más presencia policial en O’Higgins y Eduardo de la Barra. Votación: 4 votos a favor, 1 en contra, 0 abstenciones (mayoría simple). Resultado: APROBADO.',
        'Acuerdo N° 2: Reformar el estatuto para reuniones en línea. Votación: 3 votos a favor, 2 en contra, 0 abstenciones (dos tercios de los presentes). Resultado: RECHAZADO.',
        'Enviar la carta a la Prefectura',
        'Carabineros de Chile',
        '20-03-2026',
        'Diseñadora Paula Rojas',
        'Próxima reunión',
        'martes 10-03-2026 a las 19:30 horas',
        // issue 20 item 6: board posts by their neutral name (the person record says nothing of sex or gender)
        'Presidencia',
        'Secretaría',
        `Código de verificación: ${approved.verificationCode}`,
        `Página 1 de ${pageCount}`,
      ]) {
        expect(flat).toContain(expected);
      }
      expect(flat).not.toContain('BORRADOR');
    });

    it('SECURITY.md records integrity: approved minutes cannot be changed through the app (422 MINUTES_LOCKED) nor by SQL UPDATE or DELETE', async () => {
      const locked = await ctx.http.put(`/api/v1/meetings/${first}/minutes`).set(bearer(president)).send(draft());
      expect([locked.status, problem(locked).code]).toEqual([422, 'MINUTES_LOCKED']);
      await expect(ctx.query(`UPDATE minutes SET items = '[]' WHERE meeting_id = $1`, [first])).rejects.toThrow(
        /MINUTES_LOCKED/,
      );
      await expect(ctx.query(`DELETE FROM minutes WHERE meeting_id = $1`, [first])).rejects.toThrow(/MINUTES_LOCKED/);
      await expect(
        ctx.query(
          `UPDATE agreement SET votes_for = 99 WHERE minutes_id = (SELECT id FROM minutes WHERE meeting_id = $1)`,
          [first],
        ),
      ).rejects.toThrow(/MINUTES_LOCKED/);
      await expect(
        ctx.query(
          `INSERT INTO agreement (minutes_id, number, text, votes_for, votes_against, abstentions, majority, outcome) SELECT id, 9, 'x', 1, 0, 0, 'simple', 'approved' FROM minutes WHERE meeting_id = $1`,
          [first],
        ),
      ).rejects.toThrow(/MINUTES_LOCKED/);
      const [row] = await ctx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM agreement a JOIN minutes m ON m.id = a.minutes_id WHERE m.meeting_id = $1 AND a.votes_for = 4`,
        [first],
      );
      expect(row.n).toBe(1);
    });

    it('DOM-MTG-9: an amendment in a later acta links both ways; the chain check passes, and fails after an edit made as the database owner with the trigger disabled', async () => {
      const firstMinutes = (await ctx.http.get(`/api/v1/meetings/${first}/minutes`).set(bearer(president)).expect(200))
        .body;
      await attend(second, 3);
      const wrong = await ctx.http
        .put(`/api/v1/meetings/${second}/minutes`)
        .set(bearer(president))
        .send({ amendments: [{ minutesId: second, text: 'x' }] });
      expect([wrong.status, problem(wrong).errors![0].field]).toEqual([400, 'amendments[0].minutesId']);
      await ctx.http
        .put(`/api/v1/meetings/${second}/minutes`)
        .set(bearer(president))
        .send({
          items: [{ title: 'Acta anterior', notes: 'Se aprueba con una enmienda.' }],
          amendments: [
            { minutesId: firstMinutes.id, text: 'En el acuerdo 1 debe decir «O’Higgins entre Cordovez y Prat».' },
          ],
        })
        .expect(200);
      const second_ = (
        await ctx.http.post(`/api/v1/meetings/${second}/minutes/approve`).set(bearer(president)).expect(200)
      ).body;
      expect(second_).toMatchObject({ number: 2, previousHash: approved.contentHash });
      const amended = (await ctx.http.get(`/api/v1/meetings/${first}/minutes`).set(bearer(president)).expect(200)).body;
      expect(amended.amendedBy).toEqual([
        {
          number: 2,
          date: '10-03-2026',
          meetingId: second,
          text: 'En el acuerdo 1 debe decir «O’Higgins entre Cordovez y Prat».',
        },
      ]);
      const pdf = await actaPdf(second);
      expect((await pdfText(pdf.body as Buffer)).text.replace(/\s+/g, ' ')).toContain(
        'Enmienda al acta N° 1 del 03-03-2026: En el acuerdo 1 debe decir «O’Higgins entre Cordovez y Prat».',
      );

      expect(
        (await ctx.http.get(`/api/v1/associations/${associationId}/minutes/chain`).set(bearer(president)).expect(200))
          .body,
      ).toEqual({ ok: true, checked: 2, problems: [] });
      // the database owner bypasses the trigger and changes a vote: the chain check catches it
      await ctx.query(`ALTER TABLE agreement DISABLE TRIGGER agreement_locked`);
      try {
        await ctx.query(`UPDATE agreement SET votes_for = 5 WHERE number = 1 AND minutes_id = $1`, [firstMinutes.id]);
      } finally {
        await ctx.query(`ALTER TABLE agreement ENABLE TRIGGER agreement_locked`);
      }
      const broken = await ctx.get<MinutesChain>(MinutesChain).verifyChain(associationId);
      expect(broken).toEqual({
        ok: false,
        checked: 2,
        problems: [
          { book: 'assembly', number: 1, problem: 'su contenido cambió después de aprobada (el hash no coincide)' },
        ],
      });
      await ctx.query(`ALTER TABLE agreement DISABLE TRIGGER agreement_locked`);
      await ctx.query(`UPDATE agreement SET votes_for = 4 WHERE number = 1 AND minutes_id = $1`, [firstMinutes.id]);
      await ctx.query(`ALTER TABLE agreement ENABLE TRIGGER agreement_locked`);
      expect((await ctx.get<MinutesChain>(MinutesChain).verifyChain(associationId)).ok).toBe(true);
    });

    it('DOM-MTG-9: sending mails each member with e-mail the identical PDF once, even if sent twice; distributedAt is recorded', async () => {
      const draftSend = await ctx.http
        .post(`/api/v1/meetings/${await meeting('2026-03-12T19:30')}/minutes/send`)
        .set(bearer(president));
      expect([draftSend.status, problem(draftSend).code]).toEqual([422, 'MINUTES_NOT_APPROVED']);
      const sent = await ctx.http.post(`/api/v1/meetings/${first}/minutes/send`).set(bearer(president)).expect(202);
      expect(sent.body).toMatchObject({
        queued: 4,
        alreadySent: 0,
        withoutEmail: 1,
        distributedAt: '2026-03-17T15:00:00.000Z',
      });
      const again = await ctx.http.post(`/api/v1/meetings/${first}/minutes/send`).set(bearer(president)).expect(202);
      expect(again.body).toMatchObject({ queued: 0, alreadySent: 4, distributedAt: '2026-03-17T15:00:00.000Z' });
      expect(await worker.runOnce()).toMatchObject({ sent: 4, failed: 0 });
      const mails = await peer.waitFor(4);
      expect(await worker.runOnce()).toMatchObject({ sent: 0 });
      expect(mails.map((m) => (Array.isArray(m.to) ? '' : m.to!.value[0].address)).sort()).toEqual([
        'comerciante1@example.cl',
        'comerciante2@example.cl',
        'comerciante3@example.cl',
        'comerciante4@example.cl',
      ]);
      const pdf = (await actaPdf(first)).body as Buffer;
      for (const mail of mails) {
        expect(mail.subject).toBe('Acta N° 1 de Agrupación Comercial Cordovez (reunión ordinaria del 03-03-2026)');
        expect(mail.text).toContain(`Código de verificación: ${approved.verificationCode}`);
        expect(mail.attachments.map((x) => [x.filename, x.contentType, sha256(x.content)])).toEqual([
          ['acta-2026-03-03-agrupacion-comercial-cordovez.pdf', 'application/pdf', sha256(pdf)],
        ]);
      }
      const summary = (await ctx.http.get(`/api/v1/meetings/${first}`).set(bearer(president)).expect(200)).body.minutes;
      expect(summary).toMatchObject({
        status: 'approved',
        number: 1,
        verificationCode: approved.verificationCode,
        distributedAt: '2026-03-17T15:00:00.000Z',
      });
    });

    it("members read their association's approved actas, not the drafts; another association's member gets 404", async () => {
      const member = await ctx.apiToken(await ctx.newUser({ roles: [['association_member', associationId]] }));
      const list = (await ctx.http.get(`/api/v1/associations/${associationId}/minutes`).set(bearer(member)).expect(200))
        .body;
      expect(list.items.map((i: { number: number; status: string }) => [i.number, i.status])).toEqual([
        [2, 'approved'],
        [1, 'approved'],
      ]);
      await ctx.http.get(`/api/v1/meetings/${first}/minutes.pdf`).set(bearer(member)).expect(200);
      const draftMeeting = await meeting('2026-03-13T19:30');
      await ctx.http
        .put(`/api/v1/meetings/${draftMeeting}/minutes`)
        .set(bearer(president))
        .send({ items: [{ title: 'Varios', notes: 'borrador' }] })
        .expect(200);
      await ctx.http.get(`/api/v1/meetings/${draftMeeting}/minutes`).set(bearer(member)).expect(404);
      await ctx.http.get(`/api/v1/meetings/${draftMeeting}/minutes.pdf`).set(bearer(member)).expect(404);
      await ctx.http
        .put(`/api/v1/meetings/${draftMeeting}/minutes`)
        .set(bearer(member))
        .send({ items: [] })
        .expect(403);
      const outsider = await ctx.apiToken(
        await ctx.newUser({ roles: [['association_member', (await ctx.newAssociation()).id]] }),
      );
      await ctx.http.get(`/api/v1/meetings/${first}/minutes.pdf`).set(bearer(outsider)).expect(404);
    });
  });

  describe('DOM-MTG-9: what is approved is what was read, in order, and then stays', () => {
    let token: string;
    let ids: string[];
    let aid: string;
    beforeAll(async () => {
      const a = await ctx.newAssociation({ name: 'Centro de Madres Santa Lucía' });
      aid = a.id;
      ids = await enrol(a.id, 6, (i) => ({
        fullName: `Madre ${i + 1}`,
        ...(i < 2 ? { email: `madre${i + 1}@example.cl` } : {}),
      }));
      token = await ctx.apiToken(await ctx.newUser({ roles: [['association_officer', a.id]] }));
    });
    const create = async (localStart: string, kind = 'ordinary') =>
      (
        await ctx.http
          .post(`/api/v1/associations/${aid}/meetings`)
          .set(bearer(token))
          .send({ localStart, place: 'Sede', kind })
          .expect(201)
      ).body.id as string;
    const mark = (id: string, n: number) =>
      ctx.http
        .put(`/api/v1/meetings/${id}/attendance`)
        .set(bearer(token))
        .send(ids.map((memberId, i) => ({ memberId, status: i < n ? 'present' : 'absent' })));

    it('votes with nobody marked present are refused; an approval from a stale version is 409; outcomes are recomputed from the attendance the acta states', async () => {
      const m = await create('2026-03-02T19:00');
      const none = await ctx.http
        .put(`/api/v1/meetings/${m}/minutes`)
        .set(bearer(token))
        .send({ agreements: [{ text: 'Comprar sillas', votesFor: 1 }] });
      expect([none.status, problem(none).errors![0].message]).toEqual([
        400,
        'Acuerdo 1: no hay socios marcados presentes; tome la asistencia antes de registrar los votos.',
      ]);
      await mark(m, 6).expect(200);
      await ctx.http
        .put(`/api/v1/meetings/${m}/minutes`)
        .set(bearer(token))
        .send({ agreements: [{ text: 'Reformar el estatuto', votesFor: 4, votesAgainst: 2, majority: 'two_thirds' }] })
        .expect(200);
      const stale = await ctx.http
        .post(`/api/v1/meetings/${m}/minutes/approve`)
        .set(bearer(token))
        .send({ version: 7 });
      expect([stale.status, problem(stale).code]).toEqual([409, 'VERSION_CONFLICT']);
      expect(await ctx.query(`SELECT status FROM minutes WHERE meeting_id = $1`, [m])).toEqual([{ status: 'draft' }]);
      // the attendance changed after the save: 6 votes from 4 present is refused at approval, nothing approved
      await mark(m, 4).expect(200);
      const tooMany = await ctx.http
        .post(`/api/v1/meetings/${m}/minutes/approve`)
        .set(bearer(token))
        .send({ version: 1 });
      expect([tooMany.status, problem(tooMany).code, problem(tooMany).detail]).toEqual([
        422,
        'VOTES_EXCEED_PRESENT',
        expect.stringContaining(
          'Acuerdo 1: hay 6 votos (a favor, en contra y abstenciones) y solo 4 socios presentes.',
        ),
      ]);
      expect(await ctx.query(`SELECT status FROM minutes WHERE meeting_id = $1`, [m])).toEqual([{ status: 'draft' }]);
      await ctx.http
        .put(`/api/v1/meetings/${m}/minutes`)
        .set(bearer(token))
        .send({
          version: 1,
          agreements: [{ text: 'Reformar el estatuto', votesFor: 3, votesAgainst: 1, majority: 'two_thirds' }],
        })
        .expect(200);
      await mark(m, 3).expect(200); // 3 of 6: no quorum, and 4 votes > 3 present
      expect(
        (await ctx.http.post(`/api/v1/meetings/${m}/minutes/approve`).set(bearer(token)).send({ version: 2 })).status,
      ).toBe(422);
      await mark(m, 4).expect(200);
      await ctx.http.post(`/api/v1/meetings/${m}/minutes/approve`).set(bearer(token)).send({ version: 2 }).expect(200);
      const approved = (await ctx.http.get(`/api/v1/meetings/${m}/minutes`).set(bearer(token)).expect(200)).body;
      expect(approved.agreements[0]).toMatchObject({ outcome: 'approved', withoutQuorum: false }); // 3 >= ceil(2/3 of 4)
    });

    it("after approval the meeting's attendance, call and agenda no longer change (422 MINUTES_LOCKED)", async () => {
      const m = (
        await ctx.query<{ meeting_id: string }>(
          `SELECT meeting_id FROM minutes WHERE association_id = $1 AND status = 'approved'`,
          [aid],
        )
      )[0].meeting_id;
      for (const res of [
        await mark(m, 6),
        await ctx.http.put(`/api/v1/meetings/${m}/call`).set(bearer(token)).send({ call: 'second' }),
        await ctx.http.post(`/api/v1/meetings/${m}/agenda`).set(bearer(token)).send({ title: 'Otro punto' }),
      ]) {
        expect([res.status, problem(res).code]).toEqual([422, 'MINUTES_LOCKED']);
      }
      expect(
        await ctx.query(`SELECT count(*)::int AS n FROM attendance WHERE meeting_id = $1 AND status = 'present'`, [m]),
      ).toEqual([{ n: 4 }]);
    });

    it('actas are approved in the order of their meetings; the board keeps its own book, numbered from 1', async () => {
      const early = await create('2026-03-05T19:00');
      const late = await create('2026-03-06T19:00');
      await ctx.http
        .put(`/api/v1/meetings/${early}/minutes`)
        .set(bearer(token))
        .send({ items: [{ title: 'Varios', notes: 'a' }] })
        .expect(200);
      await ctx.http
        .put(`/api/v1/meetings/${late}/minutes`)
        .set(bearer(token))
        .send({ items: [{ title: 'Varios', notes: 'b' }] })
        .expect(200);
      const outOfOrder = await ctx.http.post(`/api/v1/meetings/${late}/minutes/approve`).set(bearer(token));
      expect([outOfOrder.status, problem(outOfOrder).code, problem(outOfOrder).detail]).toEqual([
        422,
        'EARLIER_MINUTES_PENDING',
        'Primero apruebe el acta de la reunión del 05-03-2026: las actas se aprueban en el orden de las reuniones.',
      ]);
      expect(
        (await ctx.http.post(`/api/v1/meetings/${early}/minutes/approve`).set(bearer(token)).expect(200)).body.number,
      ).toBe(2);
      const board = await create('2026-03-07T10:00', 'board');
      await ctx.http
        .put(`/api/v1/meetings/${board}/minutes`)
        .set(bearer(token))
        .send({ items: [{ title: 'Finanzas', notes: 'c' }] })
        .expect(200);
      expect(
        (await ctx.http.post(`/api/v1/meetings/${board}/minutes/approve`).set(bearer(token)).expect(200)).body,
      ).toMatchObject({ number: 1, previousHash: null });
      expect(
        (await ctx.http.post(`/api/v1/meetings/${late}/minutes/approve`).set(bearer(token)).expect(200)).body.number,
      ).toBe(3);
      expect(
        (await ctx.http.get(`/api/v1/associations/${aid}/minutes/chain`).set(bearer(token)).expect(200)).body,
      ).toEqual({ ok: true, checked: 4, problems: [] });
    });

    it('a commitment with progress cannot be dropped from the draft (422, nothing changed); sending with no member e-mail is 422', async () => {
      const m = await create('2026-03-12T19:00');
      const saved = (
        await ctx.http
          .put(`/api/v1/meetings/${m}/minutes`)
          .set(bearer(token))
          .send({ commitments: [{ description: 'Pintar la sede', ownerName: 'Don Lucho', dueOn: '2026-04-01' }] })
          .expect(200)
      ).body;
      await ctx.http
        .post(`/api/v1/commitments/${saved.commitments[0].id}/updates`)
        .set(bearer(token))
        .send({ note: 'Comprada la pintura', progress: 30 })
        .expect(201);
      const drop = await ctx.http
        .put(`/api/v1/meetings/${m}/minutes`)
        .set(bearer(token))
        .send({ version: 1, commitments: [] });
      expect([drop.status, problem(drop).code]).toEqual([422, 'COMMITMENT_HAS_PROGRESS']);
      expect(await ctx.query(`SELECT count(*)::int AS n FROM commitment WHERE origin_meeting_id = $1`, [m])).toEqual([
        { n: 1 },
      ]);
      const noMail = await ctx.newAssociation({ name: 'Club de Adulto Mayor Sin Correo' });
      const who = await ctx.newMember(noMail.id, { fullName: 'Socio sin correo' });
      const t = await ctx.apiToken(await ctx.newUser({ roles: [['association_officer', noMail.id]] }));
      const mm = (
        await ctx.http
          .post(`/api/v1/associations/${noMail.id}/meetings`)
          .set(bearer(t))
          .send({ localStart: '2026-03-09T19:00', place: 'Sede' })
          .expect(201)
      ).body.id;
      await ctx.http
        .put(`/api/v1/meetings/${mm}/attendance`)
        .set(bearer(t))
        .send([{ memberId: who.id, status: 'present' }])
        .expect(200);
      await ctx.http
        .put(`/api/v1/meetings/${mm}/minutes`)
        .set(bearer(t))
        .send({ items: [{ title: 'Varios', notes: 'x' }] })
        .expect(200);
      await ctx.http.post(`/api/v1/meetings/${mm}/minutes/approve`).set(bearer(t)).expect(200);
      const send = await ctx.http.post(`/api/v1/meetings/${mm}/minutes/send`).set(bearer(t));
      expect([send.status, problem(send).code]).toEqual([422, 'NO_RECIPIENTS']);
      expect(
        await ctx.query(
          `SELECT count(*)::int AS n FROM minutes_distribution d JOIN minutes m ON m.id = d.minutes_id WHERE m.meeting_id = $1`,
          [mm],
        ),
      ).toEqual([{ n: 0 }]);
    });
  });

  it('issue 20 item 6: a president whose record says feminine is "Presidenta" on the board, the acta\'s approval line and its signatures; without it, the neutral name', async () => {
    const admin = await ctx.newUser({ roles: [['admin', null]] });
    const { agent, csrf } = await ctx.signIn(admin);
    const officer = await ctx.apiToken(admin);
    const a = await ctx.newAssociation({ name: 'Junta de Vecinos Villa Alegre' });
    const president = (
      await ctx.http
        .post(`/api/v1/associations/${a.id}/members`)
        .set(bearer(officer))
        .send({
          rut: Factories.uniqueRut(),
          fullName: 'Rosa Araya Tapia',
          birthDate: '1970-05-02',
          joinedOn: '2026-01-10',
          gender: 'female',
        })
        .expect(201)
    ).body as { id: string; gender: string };
    expect(president.gender).toBe('female');
    const secretary = await ctx.newMember(a.id, { fullName: 'Luis Rojas Vega' });
    const bad = await ctx.http
      .patch(`/api/v1/associations/${a.id}/members/${secretary.id}`)
      .set(bearer(officer))
      .send({ gender: 'otro' });
    expect([bad.status, JSON.parse(bad.text).errors?.[0]?.field]).toEqual([400, 'gender']);
    expect(
      await ctx.query(`SELECT p.gender FROM membership m JOIN person p ON p.id = m.person_id WHERE m.id = $1`, [
        secretary.id,
      ]),
    ).toEqual([{ gender: null }]); // nothing written
    await seatBoard(a.id, [president.id, secretary.id]);
    const board = (await agent.get(`/organizaciones/${a.id}`).expect(200)).text;
    expect(board).toMatch(/Presidenta:<\/span> Rosa Araya Tapia/);
    expect(board).toMatch(/Secretaría:<\/span> Luis Rojas Vega/);
    // the member page records how a post is written; saved as masculine, the secretary is "Secretario"
    const memberPage = `/organizaciones/${a.id}/socios/${secretary.id}`;
    const form = (await agent.get(memberPage).expect(200)).text;
    expect(form).toContain('Cómo se escribe su cargo');
    const [person] = await ctx.query<{ person_id: string }>(`SELECT person_id FROM membership WHERE id = $1`, [
      president.id,
    ]);
    const approver = await ctx.apiToken(
      await ctx.newUser({
        name: 'Rosa Araya Tapia',
        personId: person.person_id,
        roles: [['association_officer', a.id]],
      }),
    );
    const { held, approval } = await approvedMeeting(a.id, approver);
    expect(approval).toMatchObject({ approverPosition: 'president' }); // the API keeps the post's code
    const pdf = await actaPdf(held, approver);
    const text = (await pdfText(pdf.body as Buffer)).text.replace(/\s+/g, ' ');
    expect(text).toContain('por Rosa Araya Tapia, Presidenta.');
    expect(text).toMatch(/Rosa Araya Tapia Presidenta/);
    expect(text).toMatch(/Luis Rojas Vega Secretaría/);
    const saved = await agent
      .post(memberPage)
      .type('form')
      .send({ _csrf: await csrf(memberPage), gender: 'male', version: String(secretary.version) });
    expect(saved.status).toBe(303);
    expect((await agent.get(`/organizaciones/${a.id}`).expect(200)).text).toMatch(
      /Secretario:<\/span> Luis Rojas Vega/,
    );
  });

  it('DOM-MTG-9: the approver and their board position are recorded', async () => {
    const a = await ctx.newAssociation({ name: 'Junta de Vecinos Las Compañías' });
    const ids = await enrol(a.id, 3, (i) => ({ fullName: `Vecina ${i + 1}` }));
    await seatBoard(a.id, [ids[0], ids[1], ids[2]]);
    const [person] = await ctx.query<{ person_id: string }>(`SELECT person_id FROM membership WHERE id = $1`, [ids[1]]);
    const secretary = await ctx.apiToken(
      await ctx.newUser({ name: 'Vecina 2', personId: person.person_id, roles: [['association_officer', a.id]] }),
    );
    const { held, approval } = await approvedMeeting(a.id, secretary);
    expect(approval).toMatchObject({ approvedBy: 'Vecina 2', approverPosition: 'secretary' });
    const pdf = await actaPdf(held, secretary);
    const text = (await pdfText(pdf.body as Buffer)).text.replace(/\s+/g, ' ');
    expect(text).toContain('por Vecina 2, Secretaría.');
    // the signature lines name the board in office on the meeting date
    expect(text).toMatch(/Vecina 1 Presidencia/);
  });
});
