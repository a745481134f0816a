import { translate, type Locale } from '../common/i18n/i18n';
import type { PersonRecord } from './people.service';

/**
 * The person page's view model (issue 16 item 7): what PeopleController renders, from the service's record and,
 * on a refusal, the body as it was posted (the raw body only refills the form).
 */

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export interface PersonPageInput {
  person: PersonRecord;
  /** The body as posted when the page is shown again after a refusal; null on a first visit. */
  posted: Record<string, unknown> | null;
  errors: Record<string, string>;
  formError: string | null;
}

/** /personas/:id: the record with its memberships, the identity correction and the erasure forms. */
export function personPageView(input: PersonPageInput, loc: Locale) {
  const { person, errors, formError } = input;
  const body = input.posted ?? {};
  return {
    title: translate(loc, 'people.title', { name: person.fullName }),
    person,
    errors,
    formError,
    values: { document: str(body.rut) ?? str(body.dni) ?? '', reason: str(body.reason) ?? '' },
  };
}
