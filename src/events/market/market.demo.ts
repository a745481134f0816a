import type { EventsDemoAccount, EventsDemoDeps } from '../events.demo';

/** Melipilla's market weeks at Mall Espacio Urbano (issue 19 item 8). Runs once. */
export async function loadMarketDemo(deps: EventsDemoDeps): Promise<EventsDemoAccount[]> {
  void deps;
  return [];
}
