import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Entities read by fixed SQL built once per entity from TypeORM's own metadata (issue 21). A `findOneBy` builds its
 * query anew at every call — aliases, escaping, the whole statement re-scanned for property names — and one such read
 * of an organisation was 5% of the fund matches' CPU at 32 connections. Rows come back as TypeORM's hydration gives
 * them: `date` columns as `yyyy-mm-dd` text, timestamps as Date, bigint and numeric as text, value transformers
 * applied, an instance of the entity's class. Entities with embedded columns are not supported (none here).
 */
interface Plan {
  /** `alias."column" AS "property"`, … for the alias the plan was made for. */
  select: string;
  /** The table's name, quoted. */
  table: string;
  /** Put before each property's name in the select list (two entities in one row). */
  prefix: string;
  /** The primary key's column, when it is one column. */
  primary: string | null;
  columns: ColumnMetadata[];
  create: () => ObjectLiteral;
}

/** Per entity's metadata (so per data source), per alias and prefix. */
const PLANS = new WeakMap<EntityMetadata, Map<string, Plan>>();
const TIMESTAMPS = new Set(['timestamptz', 'timestamp', 'timestamp with time zone', 'timestamp without time zone']);

function planOf(em: EntityManager, target: EntityTarget<ObjectLiteral>, alias: string, prefix = ''): Plan {
  const metadata = em.connection.getMetadata(target);
  let plans = PLANS.get(metadata);
  if (!plans) PLANS.set(metadata, (plans = new Map()));
  const key = `${alias}\u0000${prefix}`;
  let plan = plans.get(key);
  if (!plan) {
    if (metadata.embeddeds.length) throw new Error(`${metadata.name}: embedded columns are not supported`);
    const columns = metadata.columns.filter((c) => !c.isVirtual && c.isSelect);
    const select = columns
      .map((c) => {
        const column = `${alias}."${c.databaseName}"`;
        // a date array as text[]: each element in ISO form (yyyy-mm-dd), PostgreSQL's default DateStyle
        const value = c.type !== 'date' ? column : c.isArray ? `${column}::text[]` : `to_char(${column}, 'YYYY-MM-DD')`;
        return `${value} AS "${prefix}${c.propertyName}"`;
      })
      .join(', ');
    const primary = metadata.primaryColumns.length === 1 ? metadata.primaryColumns[0].databaseName : null;
    plan = {
      select,
      // schema.table quoted part by part
      table: metadata.tablePath
        .split('.')
        .map((part) => `"${part}"`)
        .join('.'),
      primary,
      prefix,
      columns,
      create: () => metadata.create() as ObjectLiteral,
    };
    plans.set(key, plan);
  }
  return plan;
}

/**
 * The select list of `target`'s columns under `alias` (`a."commune_code" AS "communeCode"`, …) and its table; with
 * `prefix`, each name is prefixed (`c_id`), for a second entity in the same row.
 */
export function entityColumns(
  em: EntityManager,
  target: EntityTarget<ObjectLiteral>,
  alias: string,
  prefix = '',
): { select: string; table: string } {
  const { select, table } = planOf(em, target, alias, prefix);
  return { select, table };
}

/** A row selected through `entityColumns` (same alias and prefix) as the entity TypeORM would have given. */
export function toEntity<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  alias: string,
  row: Record<string, unknown>,
  prefix = '',
): T {
  const plan = planOf(em, target as EntityTarget<ObjectLiteral>, alias, prefix);
  const entity = plan.create();
  for (const c of plan.columns) {
    let value = row[`${prefix}${c.propertyName}`];
    if (typeof value === 'string' && (c.type === Date || TIMESTAMPS.has(String(c.type)))) value = new Date(value);
    if (c.transformer && value !== undefined) {
      const transformers = Array.isArray(c.transformer) ? c.transformer : [c.transformer];
      value = transformers.reduceRight((v: unknown, t) => t.from(v) as unknown, value);
    }
    (entity as Record<string, unknown>)[c.propertyName] = value;
  }
  return entity as T;
}

/**
 * The entities of `target` matching `where` (SQL over alias `e`, e.g. `e.association_id = $1`), in `orderBy` (SQL
 * over `e`), at most `limit`.
 */
export async function findWhere<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  query: { where: string; params: unknown[]; orderBy?: string; limit?: number },
): Promise<T[]> {
  const plan = planOf(em, target as EntityTarget<ObjectLiteral>, 'e');
  const rows = (await em.query(
    `SELECT ${plan.select} FROM ${plan.table} e WHERE ${query.where}` +
      (query.orderBy ? ` ORDER BY ${query.orderBy}` : '') +
      (query.limit !== undefined ? ` LIMIT ${Math.max(0, Math.trunc(query.limit))}` : ''),
    query.params,
  )) as Record<string, unknown>[];
  return rows.map((row) => toEntity(em, target, 'e', row));
}

/** The first entity of `target` matching `where` in `orderBy` (see findWhere), or null. */
export async function findOneWhere<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  query: { where: string; params: unknown[]; orderBy?: string },
): Promise<T | null> {
  return (await findWhere(em, target, { ...query, limit: 1 }))[0] ?? null;
}

/** The entity whose (one-column) primary key is `id`, by one fixed statement, or null. */
export async function findById<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  id: string,
): Promise<T | null> {
  const plan = planOf(em, target as EntityTarget<ObjectLiteral>, 'e');
  if (!plan.primary) throw new Error('findById: the entity has no one-column primary key');
  return findOneWhere(em, target, { where: `e."${plan.primary}" = $1`, params: [id] });
}
