/** The market weeks' entities, listed in src/schema.ts (the migration check compares them with the migrations). */
export const MARKET_ENTITIES: (new () => unknown)[] = [];
