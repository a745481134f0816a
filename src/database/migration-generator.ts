import * as fs from 'node:fs';
import * as path from 'node:path';

const quote = (sql: string) => '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';

/**
 * Writes `<timestamp>-<Name>.ts` into the migrations folder and registers it in migrations/index.ts.
 * The file is meant to be read and edited by hand before it is committed (STYLE.md 12).
 */
export function writeMigration(dir: string, name: string, up: string[], down: string[], now = new Date()): string {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(name))
    throw new Error('El nombre de la migración debe ser PascalCase, por ejemplo AddMeetings');
  const timestamp = now.getTime();
  const className = `${name}${timestamp}`;
  const file = path.join(dir, `${timestamp}-${name}.ts`);
  const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up.map((q) => `    await queryRunner.query(${quote(q)});`).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${[...down]
  .reverse()
  .map((q) => `    await queryRunner.query(${quote(q)});`)
  .join('\n')}
  }
}
`;
  fs.writeFileSync(file, body);
  const index = path.join(dir, 'index.ts');
  const source = fs.readFileSync(index, 'utf8');
  const importLine = `import { ${className} } from './${timestamp}-${name}';\n`;
  const updated = (importLine + source).replace(
    /export const MIGRATIONS: Function\[\] = \[([\s\S]*?)\];/,
    (_m, list: string) => {
      const items = list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      items.push(className);
      return `export const MIGRATIONS: Function[] = [\n${items.map((i) => `  ${i},`).join('\n')}\n];`;
    },
  );
  fs.writeFileSync(index, updated);
  return file;
}
