/**
 * A row of a feature above the meetings engine (an association, a table, a member, a representative, an axis),
 * which a meeting, an acta or a commitment points to. TypeORM declares those relations by entity name, so the
 * engine never imports the features that use it (ARCHITECTURE.md §3.6); only the foreign key is read here.
 */
export interface ForeignRow {
  id: string;
}
