import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/access/actor';
import type { Mesa } from './entities/mesa.entity';

/** An open commitment of a table as the start page lists it. */
export interface TableWorkCommitment {
  id: string;
  description: string;
  institutionName: string;
  dueOn: string | null;
  status: string;
  overdue: boolean;
}

/** A table of a coordinator or participant, with its next session and the commitments that are theirs to follow. */
export interface TableWork {
  id: string;
  name: string;
  kind: Mesa['kind'];
  timeZone: string;
  /** Coordinators follow every commitment of the table; participants those of their institutions. */
  role: 'table_coordinator' | 'table_participant';
  /** The institutions the user represents at the table (by the e-mail the table lists for them). */
  institutions: string[];
  nextSession: { id: string; startsAt: Date } | null;
  /** Open and in-progress commitments, overdue first, then by due date (at most `limit`). */
  commitments: TableWorkCommitment[];
  commitmentsOpen: number;
  commitmentsOverdue: number;
}

/** Tables shown on one start page (a person coordinates or sits at a handful). */
const MAX_TABLES = 20;

/**
 * The start page's part of the tables (issue 20 item 1): the tables where the actor is a coordinator or a
 * participant, each with its next session and the commitments that are the actor's to follow, in three statements
 * whatever the number of tables. Only the actor's own table roles are read, so nobody else's table shows.
 */
@Injectable()
export class TableWorkService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async workOf(actor: Actor, now: Date, limit = 5): Promise<TableWork[]> {
    const roleOf = new Map<string, TableWork['role']>();
    for (const r of actor.roles) {
      if (!r.scopeId || (r.role !== 'table_coordinator' && r.role !== 'table_participant')) continue;
      // coordinating a table includes following all of it
      if (r.role === 'table_coordinator' || !roleOf.has(r.scopeId)) roleOf.set(r.scopeId, r.role);
    }
    const ids = [...roleOf.keys()].slice(0, MAX_TABLES);
    if (!ids.length) return [];
    const tables: {
      id: string;
      name: string;
      kind: Mesa['kind'];
      timeZone: string;
      institutionIds: string[];
      institutions: string[];
      sessionId: string | null;
      sessionAt: Date | null;
    }[] = await this.dataSource.query(
      `SELECT t.id, t.name, t.kind, t.time_zone AS "timeZone",
              coalesce(p.ids, '[]') AS "institutionIds", coalesce(p.names, '[]') AS institutions,
              s.id AS "sessionId", s.starts_at AS "sessionAt"
         FROM mesa t
         LEFT JOIN LATERAL (SELECT json_agg(DISTINCT i.id::text) AS ids, json_agg(DISTINCT i.name) AS names
                              FROM table_participant tp JOIN institution i ON i.id = tp.institution_id
                             WHERE tp.table_id = t.id AND tp.left_at IS NULL AND lower(tp.email) = lower($2)) p ON true
         LEFT JOIN LATERAL (SELECT mt.id, mt.starts_at FROM meeting mt
                             WHERE mt.table_id = t.id AND mt.status <> 'cancelled' AND mt.starts_at >= $3::timestamptz - interval '6 hours'
                             ORDER BY mt.starts_at LIMIT 1) s ON true
        WHERE t.id = ANY($1::uuid[])
        ORDER BY t.name, t.id
        LIMIT ${MAX_TABLES}`,
      [ids, actor.email ?? '', now],
    );
    const list = (v: unknown): string[] => (typeof v === 'string' ? (JSON.parse(v) as string[]) : (v as string[]));
    for (const t of tables) {
      t.institutionIds = list(t.institutionIds);
      t.institutions = list(t.institutions);
    }
    // each table's commitments to follow: all for a coordinator, the user's institutions' for a participant
    const all = tables.filter((t) => roleOf.get(t.id) === 'table_coordinator').map((t) => t.id);
    const pairs = tables
      .filter((t) => roleOf.get(t.id) === 'table_participant')
      .flatMap((t) => t.institutionIds.map((i) => `${t.id}|${i}`));
    const rows: (TableWorkCommitment & { tableId: string; open: number; overdueCount: number })[] =
      await this.dataSource.query(
        `SELECT x."tableId", x.id, x.description, x."institutionName", x."dueOn", x.status, x.overdue, x.open, x."overdueCount"
           FROM (SELECT c.table_id AS "tableId", c.id, c.description, i.name AS "institutionName",
                        to_char(c.due_on, 'YYYY-MM-DD') AS "dueOn", c.status,
                        coalesce(c.due_on < ($3::timestamptz AT TIME ZONE t.time_zone)::date, false) AS overdue,
                        (count(*) OVER w)::int AS open,
                        (count(*) FILTER (WHERE c.due_on < ($3::timestamptz AT TIME ZONE t.time_zone)::date) OVER w)::int AS "overdueCount",
                        row_number() OVER (PARTITION BY c.table_id
                                           ORDER BY coalesce(c.due_on < ($3::timestamptz AT TIME ZONE t.time_zone)::date, false) DESC,
                                                    c.due_on NULLS LAST, c.created_at, c.position, c.id) AS rank
                   FROM commitment c
                   JOIN mesa t ON t.id = c.table_id
                   JOIN institution i ON i.id = c.owner_institution_id
                  WHERE c.table_id = ANY($5::uuid[]) AND c.status IN ('open', 'in_progress')
                    AND (c.table_id = ANY($1::uuid[])
                         OR (c.table_id::text || '|' || c.owner_institution_id::text) = ANY($2::text[]))
                 WINDOW w AS (PARTITION BY c.table_id)) x
          WHERE x.rank <= $4
          ORDER BY x."tableId", x.rank
          LIMIT ${MAX_TABLES * 20}`,
        [all, pairs, now, limit, tables.map((t) => t.id)],
      );
    return tables.map((t) => {
      const own = rows.filter((r) => r.tableId === t.id);
      return {
        id: t.id,
        name: t.name,
        kind: t.kind,
        timeZone: t.timeZone,
        role: roleOf.get(t.id)!,
        institutions: t.institutions,
        nextSession: t.sessionId ? { id: t.sessionId, startsAt: new Date(t.sessionAt as Date) } : null,
        commitments: own.map(({ tableId: _t, open: _o, overdueCount: _c, ...c }) => c),
        commitmentsOpen: own[0]?.open ?? 0,
        commitmentsOverdue: own[0]?.overdueCount ?? 0,
      };
    });
  }
}
