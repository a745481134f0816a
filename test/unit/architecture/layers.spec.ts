import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * ARCHITECTURE.md §3.6: `npm run lint` runs scripts/check-layers.mjs. These tests run it on a copy of src/ with
 * violations planted, so a checker that stopped seeing them (a loosened rule, a broken config) fails here.
 */
const root = join(__dirname, '..', '..', '..');

function check(plant: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'quorum-layers-'));
  try {
    cpSync(join(root, 'src'), join(dir, 'src'), { recursive: true });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2023', module: 'commonjs', experimentalDecorators: true, rootDir: '.' },
        include: ['src'],
      }),
    );
    for (const [file, content] of Object.entries(plant)) writeFileSync(join(dir, file), content);
    const run = spawnSync(process.execPath, [join(root, 'scripts', 'check-layers.mjs'), dir], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the floors of ARCHITECTURE.md §3.6, as lint checks them', () => {
  it('the code as it is holds every rule', () => {
    const { status, output } = check({});
    expect(output).toContain('Dependency rules hold');
    expect(status).toBe(0);
  });

  it('an import up a floor fails: the platform (audit) reaching a feature (associations), the engine reaching tables', () => {
    const { status, output } = check({
      'src/audit/planted.ts':
        "import { AssociationsService } from '../associations/associations.service';\nexport const planted = AssociationsService;\n",
      'src/meetings/planted.ts':
        "import { TablesService } from '../tables/tables.service';\nexport const planted = TablesService;\n",
    });
    expect(status).toBe(1);
    expect(output).toContain('floor-1-imports-up: src/audit/planted.ts → src/associations/associations.service.ts');
    expect(output).toContain('floor-2-imports-up: src/meetings/planted.ts → src/tables/tables.service.ts');
  });

  it("a cycle between two modules of one floor fails, and so does a feature using another module's repository", () => {
    const { status, output } = check({
      'src/people/planted.ts':
        "import { InstitutionsService } from '../institutions/institutions.service';\nexport const planted = InstitutionsService;\n",
      'src/institutions/planted.ts':
        "import { PersonRegistry } from '../people/person-registry.service';\nexport const planted = PersonRegistry;\n",
      'src/tables/planted.ts':
        "import { AssociationsRepository } from '../associations/associations.repository';\nexport const planted = AssociationsRepository;\n",
    });
    expect(status).toBe(1);
    expect(output).toMatch(/no-module-cycle: (institutions, people|people, institutions)/);
    expect(output).toContain(
      'no-foreign-repository: src/tables/planted.ts → src/associations/associations.repository.ts',
    );
  });
});
