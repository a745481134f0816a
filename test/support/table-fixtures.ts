import { bearer } from './api-problem';
import type { TestContext } from './test-app';

/**
 * A table of the commune of La Serena (04101) created through the API by `token` (a municipal officer's): a
 * security table unless `more` says otherwise. Its id.
 */
export async function newLaSerenaTable(
  ctx: TestContext,
  token: string,
  name: string,
  more: { kind?: string; securityCouncil?: boolean } = {},
): Promise<string> {
  return (
    await ctx.http
      .post('/api/v1/tables')
      .set(bearer(token))
      .send({ kind: 'security', name, scopeLevel: 'commune', scopeCode: '04101', ...more })
      .expect(201)
  ).body.id as string;
}

export type CouncilParticipant = { id: string; institutionId: string };

/**
 * La Serena's communal security council (a table with council seats) through the API, with Carabineros' comisario
 * and liaison officer and PDI's inspector, each with an e-mail: the owners reminders go to. `add` adds another
 * participant; `liaisonEmail` is the liaison's address as typed.
 */
export async function newSecurityCouncil(
  ctx: TestContext,
  officer: string,
  liaisonEmail = 'enlace@carabineros.example.cl',
): Promise<{
  tableId: string;
  add: (body: object) => Promise<CouncilParticipant>;
  comisario: CouncilParticipant;
  pdi: CouncilParticipant;
}> {
  const tableId = await newLaSerenaTable(ctx, officer, 'Consejo comunal de seguridad pública de La Serena', {
    securityCouncil: true,
  });
  const add = async (body: object) =>
    (await ctx.http.post(`/api/v1/tables/${tableId}/participants`).set(bearer(officer)).send(body).expect(201))
      .body as CouncilParticipant;
  const comisario = await add({
    institutionName: 'Carabineros, 1.ª Comisaría',
    institutionKind: 'police',
    name: 'Comisario',
    email: 'comisario@carabineros.example.cl',
    councilSeat: 'police',
  });
  await add({ institutionId: comisario.institutionId, name: 'Oficial de enlace', email: liaisonEmail });
  const pdi = await add({
    institutionName: 'PDI La Serena',
    institutionKind: 'investigations_police',
    name: 'Inspector',
    email: 'inspector@pdi.example.cl',
    councilSeat: 'investigations_police',
  });
  return { tableId, add, comisario, pdi };
}
