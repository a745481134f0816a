import { translate, type Locale } from '../common/i18n/i18n';
import type { AssociationRights } from './association-access';
import { MEMBERSHIP_STATUSES } from './association-rules';
import { choices, pagedList } from './association-pages.view-model';
import type { MemberEventView, MemberView } from './associations.view-model';
import { rosterHeader, rosterTemplateHeader } from './roster-file';

/**
 * The registro de socios pages' view models (issue 16 item 7): what RosterController renders, built from the
 * services' answers and, on a refusal, from the body as it was posted (the raw body only refills the form).
 */

type Posted = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const CATEGORY_KEYS = ['restaurant', 'pub', 'hairSalon', 'cafe', 'shop', 'crafts', 'hotel', 'services'];
const EMPTY_MEMBER = {
  rut: '',
  dni: '',
  fullName: '',
  birthDate: '',
  email: '',
  phone: '',
  address: '',
  gender: '',
  businessName: '',
  businessCategory: '',
  joinedOn: '',
  guardianConsent: '',
  guardianName: '',
};

interface AssociationRef {
  id: string;
  name: string;
  communeCode: string;
}

/** The business categories a member's form offers, in the reader's language. */
function categories(loc: Locale): string[] {
  return CATEGORY_KEYS.map((k) => translate(loc, `members.categories.${k}`));
}

/** How a post may be written (issue 20 item 6): not given (the neutral name), feminine, masculine. */
function genders(loc: Locale) {
  return [
    { value: '', label: translate(loc, 'members.genders.none') },
    { value: 'female', label: translate(loc, 'members.genders.female') },
    { value: 'male', label: translate(loc, 'members.genders.male') },
  ];
}

/** What the add form needs besides its messages: the association's name and which document it asks for. */
export function memberFormContext(association: AssociationRef, loc: Locale) {
  const peru = association.communeCode.startsWith('PE-');
  return {
    association: { id: association.id, name: association.name },
    documentField: peru ? 'dni' : 'rut',
    documentHelp: translate(loc, peru ? 'members.dniHelp' : 'members.rutHelp'),
    categories: categories(loc),
    genders: genders(loc),
    values: { ...EMPTY_MEMBER },
  };
}

/** /organizaciones/:id/socios/nuevo on its first display. */
export function memberNewFormView(association: AssociationRef, loc: Locale) {
  return {
    ...memberFormContext(association, loc),
    title: translate(loc, 'members.addTitle', { name: association.name }),
    errors: {},
    formError: null,
  };
}

export interface RosterPageInput {
  association: { id: string; name: string; communeCode: string };
  items: MemberView[];
  total: number;
  rights: AssociationRights;
  page: number;
  pageSize: number;
  /** The filters as asked (what the next and previous links carry). */
  query: Record<string, string | number | undefined>;
}

/** /organizaciones/:id/socios: the roster, masked for those who do not see identity numbers (DOM-DATA-1). */
export function rosterPageView(input: RosterPageInput, loc: Locale) {
  const { association, rights, query } = input;
  return {
    title: translate(loc, 'members.title', { name: association.name }),
    association: { id: association.id, name: association.name },
    // issue 20 item 7: a Peruvian roster says DNI, a Chilean one RUT
    documentLabel: translate(loc, association.communeCode.startsWith('PE-') ? 'members.dni' : 'members.rut'),
    ...pagedList(`/organizaciones/${association.id}/socios`, input),
    canEdit: rights.editRoster,
    masked: !rights.seeIdentity,
    filters: { q: String(query.q ?? ''), status: String(query.status ?? '') },
    statuses: choices(loc, 'membershipStatuses', MEMBERSHIP_STATUSES, translate(loc, 'members.allStatuses')),
  };
}

/** /organizaciones/:id/socios/importar: the upload form with the header the file must have. */
export function importFormView(association: AssociationRef, loc: Locale, formError: string | null = null) {
  return {
    title: translate(loc, 'rosterImport.title'),
    association: { id: association.id, name: association.name },
    header: rosterHeader(association.communeCode.startsWith('PE-') ? 'dni' : 'rut').join(','),
    spanishHeader: rosterTemplateHeader(association.communeCode.startsWith('PE-') ? 'dni' : 'rut').join(','),
    formError,
  };
}

/** Whether a previewed file may be imported: every row valid, none with an error. */
export function importPreviewOk(preview: { valid: number; total: number; rows: { errors: unknown[] }[] }): boolean {
  return preview.valid === preview.total && preview.total > 0 && !preview.rows.some((r) => r.errors.length);
}

/** /organizaciones/:id/socios/importar/:importId: the file's rows, each with its problems. */
export function importPreviewView<
  P extends { filename: string; valid: number; total: number; rows: { errors: unknown[] }[] },
>(preview: P, association: { id: string; name: string }, loc: Locale) {
  return {
    title: translate(loc, 'rosterImport.previewTitle', { filename: preview.filename }),
    association: { id: association.id, name: association.name },
    preview,
    ok: importPreviewOk(preview),
  };
}

export interface MemberPageInput {
  association: { id: string; name: string };
  member: MemberView;
  history: MemberEventView[];
  rights: AssociationRights;
  /** DOM-ORG-15: who corrects a name or birth date, for a roster officer who cannot; null for the others. */
  corrections: { communeName: string; names: string[] } | null;
  /** The body as posted when the page is shown again after a refusal; null on a first visit. */
  posted: Posted | null;
  errors: Record<string, string>;
  formError: string | null;
}

/** DOM-ORG-15: a roster officer who is not the municipality is told who corrects a name or a birth date. */
export function asksForCorrections(rights: AssociationRights, member: Pick<MemberView, 'erased'>): boolean {
  return rights.editRoster && !rights.municipal && !member.erased;
}

/** /organizaciones/:id/socios/:memberId: the member, their history and the actions this actor may take. */
export function memberPageView(input: MemberPageInput, loc: Locale) {
  const { association, member, history, rights, corrections, errors, formError } = input;
  const body = input.posted ?? {};
  const posted = (field: string) => str(body[field]);
  return {
    title: member.fullName,
    association: { id: association.id, name: association.name },
    member,
    history,
    canEdit: rights.editRoster && !member.erased,
    municipal: rights.municipal,
    correctors: corrections && {
      communeName: corrections.communeName,
      names: corrections.names.join(', '),
      any: corrections.names.length > 0,
    },
    categories: categories(loc),
    genders: genders(loc),
    errors,
    formError,
    values: {
      version: member.version,
      email: posted('email') ?? member.email ?? '',
      phone: posted('phone') ?? member.phone ?? '',
      address: posted('address') ?? member.address ?? '',
      gender: posted('gender') ?? member.gender ?? '',
      businessName: posted('businessName') ?? member.businessName ?? '',
      businessCategory: posted('businessCategory') ?? member.businessCategory ?? '',
      fullName: posted('fullName') ?? member.fullName,
      birthDate: posted('birthDate') ?? member.birthDate ?? '',
      reason: posted('reason') ?? '',
      leftOn: posted('leftOn') ?? '',
      on: posted('on') ?? '',
      note: posted('note') ?? '',
    },
  };
}
