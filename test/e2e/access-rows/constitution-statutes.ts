import { type AccessRows, ALL, ASSOC, GET, POST, PUT, READERS } from './shared';

/** Whoever reads the association reads its statutes (they are issued with the public certificate). */
const READ = READERS(303, 200);

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
    POST('/organizaciones/:id/constitucion/estatutos', ASSOC(303, 400), [ids.assoc], {}),
    GET('/organizaciones/:id/constitucion/estatutos.pdf', READ, [ids.assoc]),
    PUT('/api/v1/associations/:id/constitution/statutes', ASSOC(401, 400), [ids.assoc], {}),
    GET('/api/v1/associations/:id/constitution/statutes', { ...READ, anonymous: 401 }, [ids.assoc]),
    GET('/verificar/:code/adjuntos/:id', ALL(404), [ids.doc, '00000000-0000-4000-8000-000000000000']),
  ],
};
