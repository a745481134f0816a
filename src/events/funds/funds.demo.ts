import type { EventsDemoAccount, EventsDemoDeps } from '../events.demo';

/** The fund calendar of the stories (issue 18 item 8). Runs once. */
export async function loadFundsDemo(deps: EventsDemoDeps): Promise<EventsDemoAccount[]> {
  void deps;
  return [];
}
