import { type AccessRows, ALL, POST, TABLE } from './shared';

/**
 * Accounts given from a table's page (issue 20 item 2): whoever runs the matrix's commune table (the
 * administration, La Serena's officers) gives a representative an account and names coordinators; everyone else
 * gets 404 (the table is outside their scope). The bodies are refused (400) once the caller may act.
 */
export const TABLE_ONBOARDING_ACCESS_ROWS: AccessRows = {
  setup: async (ctx, ids) => {
    ids.tableParticipant = (
      await ctx.query<{ id: string }>(
        `INSERT INTO table_participant (table_id, institution_id, name) VALUES ($1, $2, 'Representante de la matriz') RETURNING id`,
        [ids.table, ids.institution],
      )
    )[0].id;
  },
  cases: (ids) => [
    POST('/mesas/:id/participantes/:participantId/cuenta', TABLE(303, 400), [ids.table, ids.tableParticipant], {
      accountEmail: 'no-es-un-correo',
    }),
    // a municipality asks the administration for a province or region table (the administration creates it)
    POST('/mesas/solicitudes', { ...ALL(403), anonymous: 303, officerOwn: 400, officerOther: 400 }, [], {
      requestName: '',
    }),
    POST('/mesas/:id/coordinadores', TABLE(303, 400), [ids.table], { coordinatorName: '', coordinatorEmail: '' }),
  ],
};
