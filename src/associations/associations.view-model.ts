import type { CurrentBoard } from './associations.repository';
import { formatDocument, maskDocument } from '../common/format/identity';
import type { AssociationWarning } from './association-rules';
import type { MembershipTerms, PersonParticulars, RosterMemberRow } from './roster.repository';
import type { Association } from './entities/association.entity';
import type { AssociationStatusChange } from './entities/association-status-change.entity';
import type { MembershipEvent } from './entities/membership-event.entity';

/** A registry entry as lists show it (API and HTML). */
export interface RegistryItemView {
  id: string;
  name: string;
  kind: string;
  status: string;
  communeCode: string;
  communeName: string;
  neighbourhoodUnit: string | null;
  country: 'CL' | 'PE';
  /** The organisation's RUT (Chile) or RUC (Peru) as displayed, when recorded. */
  document: string | null;
  membersActive: number;
  foundersMinimum: number;
  warnings: AssociationWarning[];
}

type Named = Pick<RegistryItemView, 'id' | 'name' | 'communeCode' | 'communeName'> & { kind: string; status: string };

/** What every list names an organisation by (the registry, a program's portfolio): no personal data. */
export function namedAssociation<R extends Named>(r: R): Pick<R, keyof Named> {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    status: r.status,
    communeCode: r.communeCode,
    communeName: r.communeName,
  };
}

export interface StatusChangeView {
  from: string | null;
  to: string;
  at: Date;
  by: string | null;
  reason: string;
}

/** An association's page: details, counts against the founding minimum, warnings and its timeline. */
export interface AssociationView {
  id: string;
  name: string;
  kind: string;
  status: string;
  area: string;
  communeCode: string;
  communeName: string;
  country: 'CL' | 'PE';
  timeZone: string;
  address: string;
  neighbourhoodUnit: string | null;
  rut: string | null;
  ruc: string | null;
  registryNumber: string | null;
  registeredOn: string | null;
  recognisedBy: string | null;
  recognisedOn: string | null;
  recognitionExpiresOn: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  description: string | null;
  /** The board in office (the latest term started), with its seats. */
  boardTerm: CurrentBoard | null;
  membersActive: number;
  membersSuspended: number;
  membersEnded: number;
  foundersMinimum: number;
  membersBelowMinimumSince: string | null;
  warnings: AssociationWarning[];
  statusHistory: StatusChangeView[];
  version: number;
  createdAt: Date;
}

export function statusChangeView(c: AssociationStatusChange): StatusChangeView {
  return { from: c.fromStatus, to: c.toStatus, at: c.at, by: c.byName, reason: c.reason };
}

export function associationDetails(
  a: Association,
): Pick<
  AssociationView,
  | 'id'
  | 'name'
  | 'kind'
  | 'status'
  | 'area'
  | 'communeCode'
  | 'address'
  | 'neighbourhoodUnit'
  | 'rut'
  | 'ruc'
  | 'registryNumber'
  | 'registeredOn'
  | 'recognisedBy'
  | 'recognisedOn'
  | 'recognitionExpiresOn'
  | 'contactName'
  | 'contactPhone'
  | 'contactEmail'
  | 'description'
  | 'version'
  | 'createdAt'
  | 'membersBelowMinimumSince'
> {
  return {
    id: a.id,
    name: a.name,
    kind: a.kind,
    status: a.status,
    area: a.area,
    communeCode: a.communeCode,
    address: a.address,
    neighbourhoodUnit: a.neighbourhoodUnit,
    rut: a.rut,
    ruc: a.ruc,
    registryNumber: a.registryNumber,
    registeredOn: a.registeredOn,
    recognisedBy: a.recognisedBy,
    recognisedOn: a.recognisedOn,
    recognitionExpiresOn: a.recognitionExpiresOn,
    contactName: a.contactName,
    contactPhone: a.contactPhone,
    contactEmail: a.contactEmail,
    description: a.description,
    version: a.version,
    createdAt: a.createdAt,
    membersBelowMinimumSince: a.membersBelowMinimumSince,
  };
}

/** A roster member as the API returns it: the document number only for those who need it (DOM-DATA-1). */
export interface MemberView extends PersonParticulars, MembershipTerms {
  id: string;
  personId: string;
  documentType: 'rut' | 'dni';
  rut?: string;
  rutMasked?: string;
  dni?: string;
  dniMasked?: string;
  /** For pages: the number as shown (formatted, or masked). */
  documentDisplay: string;
  status: string;
  guardianConsent: boolean;
  guardianName: string | null;
  erased: boolean;
  version: number;
}

export function memberView(row: RosterMemberRow, seeIdentity: boolean): MemberView {
  const number = row.documentNumber ?? '';
  const doc: Partial<MemberView> = {};
  if (number) {
    if (seeIdentity) doc[row.documentType] = number;
    else doc[`${row.documentType}Masked`] = maskDocument(row.documentType, number);
  }
  return {
    id: row.id,
    personId: row.personId,
    documentType: row.documentType,
    ...doc,
    documentDisplay: number
      ? seeIdentity
        ? formatDocument(row.documentType, number)
        : maskDocument(row.documentType, number)
      : '',
    fullName: row.fullName,
    // Birth dates and contacts are personal data too: only for those who see identity numbers, and a former
    // member's current contacts (kept by their other associations) are not this roster's to see.
    birthDate: seeIdentity ? row.birthDate : null,
    email: seeIdentity && row.status !== 'ended' ? row.email : null,
    phone: seeIdentity && row.status !== 'ended' ? row.phone : null,
    gender: row.gender ?? null,
    address: seeIdentity && row.status !== 'ended' ? row.address : null,
    status: row.status,
    joinedOn: row.joinedOn,
    leftOn: row.leftOn,
    endReason: row.endReason,
    businessName: row.businessName,
    businessCategory: row.businessCategory,
    guardianConsent: !!row.guardianConsentAt,
    guardianName: seeIdentity ? row.guardianName : null,
    erased: row.erased,
    version: row.version,
  };
}

export interface MemberEventView {
  action: string;
  effectiveOn: string;
  at: Date;
  by: string | null;
  reason: string | null;
  fields: string[];
}

export function memberEventView(e: MembershipEvent): MemberEventView {
  return {
    action: e.action,
    effectiveOn: e.effectiveOn,
    at: e.at,
    by: e.byName,
    reason: e.reason,
    fields: e.fields ?? [],
  };
}
