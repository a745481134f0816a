import { translate, type Locale } from '../common/i18n/i18n';
import { INSTITUTION_KINDS } from '../institutions/entities/institution.entity';
import { COUNCIL_SEATS } from './entities/table-participant.entity';
import type { TableAccounts } from './table-accounts.service';
import type { WiderScope } from './wider-scope';
import type { TableBoardService } from './table-board.service';
import type { TableSessionsService } from './table-sessions.service';
import type { TableDetail, TablesService } from './tables.service';

/** A form's body as it was posted: only to show the user's input again when the form is refused. */
export type PostedForm = Record<string, unknown>;
/** A refused form: each field's message, the summary and the status (formRefusal). */
export interface FormRefusal {
  status: number;
  errors: Record<string, string>;
  formError: string;
}

/** A posted field as the form shows it again (never used to build a service's input). */
export const postedText = (v: unknown): string => (typeof v === 'string' ? v : '');

type TableListItems = Awaited<ReturnType<TablesService['list']>>['items'];

/** The tables' list page (`tables/list`) with the form for a new commune table, refilled when refused. */
export function tableListView(
  loc: Locale,
  data: {
    items: TableListItems;
    canCreate: boolean;
    communes: { code: string; name: string }[];
    /** Provinces and regions: the administration's scopes for a new table, the municipality's for a request. */
    wider: WiderScope[];
    canCreateWider: boolean;
  },
  posted: PostedForm,
  refused?: FormRefusal & { form?: 'table' | 'request' },
) {
  const chosen = postedText(posted.scopeCode);
  const option = (value: string, label: string) => ({ value, label, selected: value === chosen });
  const kinds = ['security', 'productive_development', 'other'].map((value) => ({
    value,
    label: translate(loc, `tables.kinds.${value}`),
  }));
  const request = refused?.form === 'request';
  return {
    title: translate(loc, 'tables.listTitle'),
    items: data.items,
    canCreate: data.canCreate,
    canCreateWider: data.canCreateWider,
    communes: data.communes.map((c) => ({ value: c.code, label: c.name })),
    // the administration's scope list: communes, provinces and regions by name (issue 20 item 2)
    scopeGroups: data.canCreateWider
      ? [
          {
            label: translate(loc, 'tables.onboarding.communes'),
            options: data.communes.map((c) => option(c.code, c.name)),
          },
          {
            label: translate(loc, 'tables.onboarding.provinces'),
            options: data.wider.filter((w) => w.level === 'province').map((w) => option(w.value, w.name)),
          },
          {
            label: translate(loc, 'tables.onboarding.regions'),
            options: data.wider.filter((w) => w.level === 'region').map((w) => option(w.value, w.name)),
          },
        ]
      : [],
    // a municipality asks for a province or region table
    canRequest: data.canCreate && !data.canCreateWider && data.wider.length > 0,
    requestScopes: data.wider.map((w) => ({
      value: w.value,
      label: `${w.name} (${translate(loc, `tables.scopes.${w.level}`)})`,
    })),
    requestKinds: kinds,
    requestOpen: request,
    kinds,
    values: {
      kind: postedText(posted.kind) || 'security',
      name: postedText(posted.name),
      scopeCode: postedText(posted.scopeCode),
      description: postedText(posted.description),
      securityCouncil: posted.securityCouncil === 'on' ? 'on' : '',
      requestKind: request ? postedText(posted.requestKind) : 'security',
      requestName: request ? postedText(posted.requestName) : '',
      requestScope: request ? postedText(posted.requestScope) : '',
      requestReason: request ? postedText(posted.requestReason) : '',
    },
    errors: refused?.errors ?? {},
    formError: refused?.formError ?? null,
  };
}

/** Which of a table page's forms was refused (it is shown open, with the input). */
export type TableForm = 'participant' | 'axis' | 'session' | 'account' | 'coordinator';

/** A table's page (`tables/show`): participants, axes, sessions and the coordinator's forms. */
export function tableShowView(
  loc: Locale,
  data: {
    table: TableDetail;
    sessions: Awaited<ReturnType<TableSessionsService['sessionsOf']>>;
    councilStatus: Awaited<ReturnType<TableBoardService['councilStatus']>> | null;
    /** The institutions the participant form offers (only to those who manage the table). */
    institutions: { id: string; name: string }[];
    /** Who holds an account on the table (only to those who manage it). */
    accounts: TableAccounts | null;
  },
  posted: PostedForm,
  refused?: FormRefusal & { form: TableForm },
) {
  const { table } = data;
  const chosen = new Set(
    Array.isArray(posted.participantIds)
      ? posted.participantIds.map(String)
      : typeof posted.participantIds === 'string'
        ? [posted.participantIds]
        : [],
  );
  // issue 20 item 2: each representative's account, or the form to give one (the refused row keeps its input)
  const refusedRow = refused?.form === 'account' ? postedText(posted.participantId) : '';
  const participants = table.participants.map((p) => ({
    ...p,
    hasAccount: !!p.email && !!data.accounts?.participantEmails.has(p.email.toLowerCase()),
    accountEmail: p.id === refusedRow ? postedText(posted.accountEmail) : (p.email ?? ''),
    accountError: p.id === refusedRow ? (refused?.errors.accountEmail ?? refused?.formError ?? null) : null,
  }));
  const coordinatorValues = {
    coordinatorName: refused?.form === 'coordinator' ? postedText(posted.coordinatorName) : '',
    coordinatorEmail: refused?.form === 'coordinator' ? postedText(posted.coordinatorEmail) : '',
  };
  return {
    title: table.name,
    table: { ...table, participants },
    accounts: data.accounts,
    sessions: data.sessions,
    // DOM-TBL-2: a council meets at least monthly
    councilStatus: data.councilStatus,
    canManage: table.rights.manage,
    institutions: [
      { value: '', label: translate(loc, 'tables.chooseInstitution') },
      ...data.institutions.map((i) => ({ value: i.id, label: i.name })),
    ],
    institutionKinds: [
      { value: '', label: '—' },
      ...INSTITUTION_KINDS.map((value) => ({ value, label: translate(loc, `tables.institutionKinds.${value}`) })),
    ],
    councilSeats: [
      { value: '', label: '—' },
      ...Object.keys(COUNCIL_SEATS).map((value) => ({ value, label: translate(loc, `tables.seats.${value}`) })),
    ],
    checklist: table.council
      ? table.council.seats.map((c) => ({ ...c, label: translate(loc, `tables.seats.${c.seat}`) }))
      : [],
    members: table.participants.map((p) => ({
      id: p.id,
      label: `${p.name} (${p.institution.name})`,
      checked: chosen.has(p.id),
    })),
    values: {
      ...coordinatorValues,
      ...(refused?.form === 'participant'
        ? {
            councilSeat: postedText(posted.councilSeat),
            institutionId: postedText(posted.institutionId),
            institutionKind: postedText(posted.institutionKind),
            name: postedText(posted.name),
            role: postedText(posted.role),
            email: postedText(posted.email),
            phone: postedText(posted.phone),
            institutionName: postedText(posted.institutionName),
            axisName: '',
            localStart: '',
            place: '',
            onlineUrl: '',
          }
        : {
            councilSeat: '',
            institutionId: '',
            institutionKind: '',
            name: '',
            role: '',
            email: '',
            phone: '',
            institutionName: '',
            axisName: refused?.form === 'axis' ? postedText(posted.name) : '',
            localStart: postedText(posted.localStart),
            place: postedText(posted.place),
            onlineUrl: postedText(posted.onlineUrl),
          }),
    },
    errors: refused?.errors ?? {},
    formError: refused?.formError ?? null,
    openForm: refused?.form ?? null,
    timeZone: table.timeZone,
  };
}
