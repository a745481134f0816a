/**
 * The floors of ARCHITECTURE.md §3.6, checked on every `npm run lint` by scripts/check-layers.mjs (which also
 * refuses cycles between modules). A file imports only its own floor or lower ones; a feature never uses
 * another module's repository; no file cycle. Never loosen a rule to let a change through: change the design.
 *
 *   0 base        config, common, database, types
 *   1 platform    audit, mail, documents, auth, territory, people, institutions, health, idempotency
 *   2 engine      meetings (the acta engine every body uses)
 *   3 features    associations, tables, programs
 *   4 events      events (fund calls, market weeks)
 *   5 composition web, startup and the files at src/ (main, app module, CLI, schema)
 */
const FLOORS = [
  ['config', 'common', 'database', 'types'],
  ['audit', 'mail', 'documents', 'auth', 'territory', 'people', 'institutions', 'health', 'idempotency'],
  ['meetings'],
  ['associations', 'tables', 'programs'],
  ['events'],
  ['web', 'startup'],
];
const ROOT_FILES = '^src/[^/]+\\.ts$';
const dirs = (names) => `^src/(${names.join('|')})/`;

const upward = FLOORS.slice(0, -1).map((floor, i) => ({
  name: `floor-${i}-imports-up`,
  comment: `${floor.join(', ')} may import only their own floor or lower ones (ARCHITECTURE.md §3.6)`,
  severity: 'error',
  from: { path: dirs(floor) },
  to: { path: `${dirs(FLOORS.slice(i + 1).flat())}|${ROOT_FILES}` },
}));

module.exports = {
  FLOORS,
  forbidden: [
    ...upward,
    {
      name: 'no-foreign-repository',
      comment: "a module reaches another through the service its module exports, never through its repository (ARCHITECTURE.md §3.3, §3.6)",
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      // the base floor's data access (system settings) is shared infrastructure
      to: { path: '\\.repository\\.ts$', pathNot: '^src/($1|database)/' },
    },
    {
      name: 'no-foreign-controller',
      comment: 'controllers are entry points: nothing imports another module\'s controller',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '\\.controller\\.ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'no-file-cycle',
      comment: 'no import cycle between files',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'not-to-tests',
      comment: 'the application never imports test code',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
