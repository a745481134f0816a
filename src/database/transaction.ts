import type { EntityManager } from 'typeorm';

/** Runs `work` in the caller's transaction when `em` has one, otherwise in a new one on the same DataSource. */
export function withinTransaction<T>(em: EntityManager, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return em.queryRunner?.isTransactionActive ? work(em) : em.connection.transaction(work);
}
