import { ALL, ASSOC, type AccessRows } from './shared';

/** Whoever reads the association reads its statutes (they are issued with the public certificate). */
const READ = ASSOC(303, 200, { faithMinister: 200, assocMember: 200 });

/**
 * The constitution's statutes (issue 20 item 8): uploaded by those who edit the association's roster (its officers,
 * La Serena's officer, the administration; a post without a file is refused, 400), read by whoever reads the
 * association; a verification code opens only the documents issued with it (404 otherwise, for anyone).
 */
export const CONSTITUTION_STATUTES_ACCESS_ROWS: AccessRows = {
  setup: async (ctx, ids) => {
    await ctx.query(
      `INSERT INTO constitution_statutes (association_id, file_name, size_bytes, sha256, content, uploaded_at) VALUES ($1, 'estatutos.pdf', 15, 'x', $2, now())`,
      [ids.assoc, Buffer.from('%PDF-1.4\n%%EOF\n')],
    );
  },
  cases: (ids) => [
    {
      method: 'POST',
      path: `/organizaciones/${ids.assoc}/constitucion/estatutos`,
      route: '/organizaciones/:id/constitucion/estatutos',
      expect: ASSOC(303, 400),
      body: {},
    },
    {
      method: 'GET',
      path: `/organizaciones/${ids.assoc}/constitucion/estatutos.pdf`,
      route: '/organizaciones/:id/constitucion/estatutos.pdf',
      expect: READ,
    },
    {
      method: 'PUT',
      path: `/api/v1/associations/${ids.assoc}/constitution/statutes`,
      route: '/api/v1/associations/:id/constitution/statutes',
      expect: ASSOC(401, 400),
      body: {},
    },
    {
      method: 'GET',
      path: `/api/v1/associations/${ids.assoc}/constitution/statutes`,
      route: '/api/v1/associations/:id/constitution/statutes',
      expect: { ...READ, anonymous: 401 },
    },
    {
      method: 'GET',
      path: `/verificar/${ids.doc}/adjuntos/00000000-0000-4000-8000-000000000000`,
      route: '/verificar/:code/adjuntos/:id',
      expect: ALL(404),
    },
  ],
};
