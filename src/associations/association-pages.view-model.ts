import { Actor, hasRole, isAdmin } from '../common/access/actor';
import { translate, type Locale } from '../common/i18n/i18n';
import type { MunicipalityContext } from '../territory/territory.service';
import {
  ASSOCIATION_KINDS,
  ASSOCIATION_STATUSES,
  AREAS,
  kindsFor,
  recognitionLapses,
  WARNING_CODES,
  warningCodesFor,
} from './association-rules';
import type { ConstitutionView } from './constitution-steps';
import type { AssociationView, RegistryItemView } from './associations.view-model';
import { referenceCommuneName } from '../territory/territory-reference.service';

/**
 * The registry and association pages' view models (issue 16 item 7): what AssociationsController renders, built
 * from the services' answers, the actor's roles and, on a refusal, the body as it was posted (the raw body only
 * refills the form; the services get it through a DTO).
 */

type Posted = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Options of a select, translated: `[{ value, label }]`. */
export function choices(
  loc: Locale,
  prefix: string,
  values: readonly string[],
  empty?: string,
): { value: string; label: string }[] {
  return [
    ...(empty !== undefined ? [{ value: '', label: empty }] : []),
    ...values.map((v) => ({ value: v, label: translate(loc, `${prefix}.${v}`) })),
  ];
}

/** Communes where the actor registers organisations (their municipal-officer communes). */
export function officerCommuneCodes(actor: Actor): string[] {
  return actor.roles.filter((r) => r.role === 'municipal_officer' && r.scopeId).map((r) => r.scopeId as string);
}

/** Who may open the new-organisation form: an admin, or a municipal officer of some commune. */
export function registersAssociations(actor: Actor): boolean {
  return isAdmin(actor) || officerCommuneCodes(actor).length > 0;
}

/** A page of a list: its rows, the count, the pages and the links to the previous and next one, filters kept. */
export function pagedList<T>(
  path: string,
  list: {
    items: T[];
    total: number;
    page: number;
    pageSize: number;
    query: Record<string, string | number | undefined>;
  },
) {
  const { items, total, page, pageSize, query } = list;
  const pages = Math.max(Math.ceil(total / pageSize), 1);
  const href = (p: number) =>
    `${path}?${new URLSearchParams(
      Object.entries({ ...query, page: String(p) }).filter(([, v]) => v !== undefined && v !== '') as [
        string,
        string,
      ][],
    ).toString()}`;
  return {
    items,
    total,
    page,
    pages,
    previousHref: page > 1 ? href(page - 1) : '',
    nextHref: page < pages ? href(page + 1) : '',
  };
}

export interface RegistryPageInput {
  items: RegistryItemView[];
  total: number;
  page: number;
  pageSize: number;
  /** The filters as asked (what the next and previous links carry). */
  query: Record<string, string | number | undefined>;
}

/**
 * The country profile of the actor's registry (issue 20 item 7): Peru when every commune the actor works in (as a
 * municipal officer, or the organisations they belong to) is a Peruvian district, Chile when none is, otherwise mixed.
 */
export function registryProfile(actor: Actor, items: { country: 'CL' | 'PE' }[] = []): 'CL' | 'PE' | 'mixed' {
  if (isAdmin(actor)) return 'mixed';
  const communes = officerCommuneCodes(actor);
  const countries = new Set(
    communes.length ? communes.map((c) => (c.startsWith('PE-') ? 'PE' : 'CL')) : items.map((i) => i.country),
  );
  if (countries.size > 1) return 'mixed';
  return countries.has('PE') ? 'PE' : 'CL';
}

/** The registry's words for a profile: district or commune, RUC or RUT, members against a minimum or not. */
function profileWords(loc: Locale, profile: 'CL' | 'PE' | 'mixed') {
  const key = profile === 'PE' ? 'Peru' : profile === 'mixed' ? 'Mixed' : '';
  return {
    communeLabel: translate(loc, `registry.commune${key}`),
    documentLabel: translate(loc, `registry.document${key || 'Label'}`),
    // Peru has no legal minimum of members (DOM-ORG-3 is Chile's): the count alone
    showMinimum: profile !== 'PE',
    membersLabel: translate(loc, profile === 'PE' ? 'registry.membersPeru' : 'registry.members'),
  };
}

/** /organizaciones: the registry the actor sees, with its filters and pages. */
export function registryPageView(input: RegistryPageInput, actor: Actor, loc: Locale) {
  const text = (key: string) => String(input.query[key] ?? '');
  const profile = registryProfile(actor, input.items);
  const kinds = profile === 'mixed' ? ASSOCIATION_KINDS : kindsFor(profile);
  const warnings = profile === 'mixed' ? WARNING_CODES : warningCodesFor(profile);
  return {
    title: translate(loc, 'registry.title'),
    lead: translate(loc, profile === 'PE' ? 'registry.leadPeru' : 'registry.lead'),
    ...pagedList('/organizaciones', input),
    ...profileWords(loc, profile),
    canCreate: registersAssociations(actor),
    // the registry with contacts, for coordinating with the serenazgo or the police (issue 20 item 7)
    canExport: isAdmin(actor) || officerCommuneCodes(actor).length > 0,
    exportQuery: new URLSearchParams(
      Object.entries({ q: text('q'), kind: text('kind'), status: text('status'), warning: text('warning') }).filter(
        ([, v]) => v !== '',
      ),
    ).toString(),
    showCommune: isAdmin(actor) || officerCommuneCodes(actor).length > 1,
    filters: { q: text('q'), kind: text('kind'), status: text('status'), warning: text('warning') },
    kinds: choices(loc, 'kinds', kinds, translate(loc, 'registry.allKinds')),
    statuses: choices(
      loc,
      'associationStatuses',
      // Peru recognises its organisations: no constitution, no certification, no objection, no board term
      profile === 'PE' ? ['in_formation', 'in_force', 'dissolved'] : ASSOCIATION_STATUSES,
      translate(loc, 'registry.allStatuses'),
    ),
    warningOptions: choices(loc, 'warnings', ['any', ...warnings], translate(loc, 'registry.allWarnings')),
  };
}

/** What the new-organisation form shows besides its messages: the kinds, areas and communes the actor may use. */
export function newAssociationFormExtras(actor: Actor, loc: Locale) {
  const communes = officerCommuneCodes(actor);
  const peru = communes.length > 0 && communes.every((c) => c.startsWith('PE-'));
  return {
    kinds: choices(loc, 'kinds', isAdmin(actor) ? ASSOCIATION_KINDS : kindsFor(peru ? 'PE' : 'CL')),
    areas: choices(loc, 'areas', AREAS),
    // by name, never a typed code (issue 20 item 2): «El Porvenir», «La Serena»
    communes: communes.map((c) => ({ value: c, label: referenceCommuneName(c) ?? c })),
    isAdmin: isAdmin(actor),
    peru,
    values: {
      communeCode: communes[0] ?? '',
      kind: peru ? 'neighbourhood_security_board' : 'functional_organization',
      name: '',
      area: 'urban',
      address: '',
      neighbourhoodUnit: '',
      rut: '',
      ruc: '',
      registryNumber: '',
      registeredOn: '',
      recognisedBy: '',
      recognisedOn: '',
      contactName: '',
      contactPhone: '',
      contactEmail: '',
      description: '',
    },
  };
}

/** The new-organisation form on its first display. */
export function newAssociationFormView(actor: Actor, loc: Locale) {
  return {
    title: translate(loc, 'association.newTitle'),
    errors: {},
    formError: null,
    ...newAssociationFormExtras(actor, loc),
  };
}

/** What the actor is on the association page: the municipality, a roster officer, a reader of the roster. */
export function associationPageRoles(actor: Actor, association: Pick<AssociationView, 'id' | 'communeCode'>) {
  const municipal = isAdmin(actor) || hasRole(actor, 'municipal_officer', association.communeCode);
  const rosterOfficer = municipal || hasRole(actor, 'association_officer', association.id);
  const canReadRoster = rosterOfficer || hasRole(actor, 'faith_minister', association.communeCode);
  return { municipal, rosterOfficer, canReadRoster };
}

/** Whether the association page shows the constitution's steps (DOM-ORG-13: not a trade association; Peru recognises). */
export function showsConstitution(association: Pick<AssociationView, 'country' | 'kind'>): boolean {
  return association.country === 'CL' && association.kind !== 'trade_association';
}

/** Before the constitution is certified: the faith minister may still be assigned and the assembly recorded. */
export function earlyConstitution(status: string): boolean {
  return status === 'in_formation' || status === 'pending_certification';
}

/** DOM-ORG-1 to -6 on the association page: where the constitution stands and the next step for this actor. */
export function constitutionStepsView(
  association: Pick<AssociationView, 'status'>,
  view: ConstitutionView,
  ministers: { id: string; name: string }[],
  roles: { rosterOfficer: boolean; municipal: boolean },
  actor: Actor,
) {
  const officer = roles.rosterOfficer;
  const municipal = roles.municipal;
  const status = association.status;
  const early = earlyConstitution(status);
  return {
    view,
    ministers: municipal && early ? ministers.map((m) => ({ value: m.id, label: m.name })) : [],
    canRequest: officer && status === 'in_formation',
    canAssign: municipal && early,
    canRecord: officer && early,
    isAssignedMinister: !!view.faithMinister && view.faithMinister.id === actor.id,
    // the acta lists the founders' RUTs (DOM-DATA-1); the certificate is for every reader
    canReadActa: officer || (!!view.faithMinister && view.faithMinister.id === actor.id),
    canReview: status === 'pending_certification',
    canDeposit: municipal && status === 'constituted',
    // an objection made in time may be entered later: the service checks its date against the window
    canObject: municipal && status === 'in_force' && !!view.depositedOn && !view.objectedOn,
    canCorrect: municipal && status === 'objected',
  };
}

export interface AssociationPageInput {
  association: AssociationView;
  constitution: ReturnType<typeof constitutionStepsView> | null;
  holders: unknown[];
  /** The body as posted when the page is shown again after a refusal; null on a first visit. */
  posted: Posted | null;
  errors: Record<string, string>;
  formError: string | null;
}

/** /organizaciones/:id: the record, its board, the constitution's steps and the forms this actor may use. */
export function associationPageView(input: AssociationPageInput, actor: Actor, loc: Locale) {
  const { association, constitution, holders, errors, formError } = input;
  const { municipal, rosterOfficer, canReadRoster } = associationPageRoles(actor, association);
  const recognisable =
    municipal &&
    (association.kind === 'trade_association' || association.country === 'PE') &&
    association.status !== 'dissolved';
  const body = input.posted ?? {};
  const posted = (field: string) => str(body[field]);
  return {
    constitution,
    board: association.boardTerm,
    canRecordBoard:
      rosterOfficer && ['constituted', 'in_force', 'objected', 'board_expired'].includes(association.status),
    title: association.name,
    association,
    timeZone: association.timeZone,
    canEdit: rosterOfficer,
    canReadRoster,
    municipal,
    holders,
    accessRoles: [
      { value: 'association_officer', label: translate(loc, 'roles.association_officer') },
      { value: 'association_member', label: translate(loc, 'roles.association_member') },
    ],
    // DOM-ORG-14: the 2-year term only for the kinds whose recognition lapses (a junta vecinal de seguridad ciudadana)
    recognition: recognisable
      ? {
          trade: association.kind === 'trade_association',
          years: recognitionLapses(association.kind) ? 2 : null,
        }
      : null,
    peru: association.country === 'PE',
    errors,
    formError,
    values: {
      registryNumber: posted('registryNumber') ?? association.registryNumber ?? '',
      registeredOn: posted('registeredOn') ?? association.registeredOn ?? '',
      recognisedBy: posted('recognisedBy') ?? association.recognisedBy ?? '',
      recognisedOn: posted('recognisedOn') ?? association.recognisedOn ?? '',
      email: posted('email') ?? '',
      name: posted('name') ?? '',
      role: posted('role') ?? 'association_officer',
      proposedAt: posted('proposedAt') ?? '',
      place: posted('place') ?? constitution?.view.proposedPlace ?? '',
      faithMinisterUserId: posted('faithMinisterUserId') ?? constitution?.view.faithMinister?.id ?? '',
      depositedOn: posted('depositedOn') ?? '',
      objectedOn: posted('objectedOn') ?? '',
      reasons: posted('reasons') ?? '',
      correctedOn: posted('correctedOn') ?? '',
      notes: posted('notes') ?? '',
    },
  };
}

export interface EditPageInput {
  association: AssociationView & { editArea: boolean };
  posted: Posted | null;
  errors: Record<string, string>;
  formError: string | null;
}

/** /organizaciones/:id/editar: the details as recorded, or as posted after a refusal. */
export function associationEditView(input: EditPageInput, loc: Locale) {
  const { association: a, errors, formError } = input;
  const body = input.posted ?? {};
  const current: Record<string, unknown> = {
    version: a.version,
    name: a.name,
    area: a.area,
    address: a.address,
    neighbourhoodUnit: a.neighbourhoodUnit ?? '',
    rut: a.rut ?? '',
    ruc: a.ruc ?? '',
    contactName: a.contactName ?? '',
    contactPhone: a.contactPhone ?? '',
    contactEmail: a.contactEmail ?? '',
    description: a.description ?? '',
  };
  for (const k of Object.keys(current)) if (typeof body[k] === 'string') current[k] = body[k];
  return {
    title: translate(loc, 'association.editTitle', { name: a.name }),
    association: { id: a.id, name: a.name, country: a.country },
    municipal: a.editArea,
    areas: choices(loc, 'areas', AREAS),
    errors,
    formError,
    values: current,
  };
}

/** /comunas/:code/organizaciones: a commune's organisations in force, for anyone. */
/** A commune's public registry, a page of 100 (issue 21: a page of all 3,233 of Puente Alto weighed 400 KB). */
export function publicRegistryView(
  commune: MunicipalityContext,
  list: { items: unknown[]; total: number; page: number; pageSize: number },
  loc: Locale,
) {
  return {
    title: translate(loc, 'registry.publicTitle', { commune: commune.communeName }),
    commune,
    ...pagedList(`/comunas/${commune.communeCode}/organizaciones`, { ...list, query: {} }),
  };
}
