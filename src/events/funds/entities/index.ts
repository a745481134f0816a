/** The fund calendar's entities, listed in src/schema.ts (the migration check compares them with the migrations). */
export const FUND_ENTITIES: (new () => unknown)[] = [];
