import { translate, type Locale } from '../common/i18n/i18n';
import { INSTITUTION_KINDS } from '../institutions/entities/institution.entity';
import { COUNCIL_SEATS } from './entities/table-participant.entity';
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
  data: { items: TableListItems; canCreate: boolean; communes: { code: string; name: string }[] },
  posted: PostedForm,
  refused?: FormRefusal,
) {
  return {
    title: translate(loc, 'tables.listTitle'),
    items: data.items,
    canCreate: data.canCreate,
    communes: data.communes.map((c) => ({ value: c.code, label: c.name })),
    kinds: ['security', 'productive_development', 'other'].map((value) => ({
      value,
      label: translate(loc, `tables.kinds.${value}`),
    })),
    values: {
      kind: postedText(posted.kind) || 'security',
      name: postedText(posted.name),
      scopeCode: postedText(posted.scopeCode),
      description: postedText(posted.description),
      securityCouncil: posted.securityCouncil === 'on' ? 'on' : '',
    },
    errors: refused?.errors ?? {},
    formError: refused?.formError ?? null,
  };
}

/** Which of a table page's forms was refused (it is shown open, with the input). */
export type TableForm = 'participant' | 'axis' | 'session';

/** A table's page (`tables/show`): participants, axes, sessions and the coordinator's forms. */
export function tableShowView(
  loc: Locale,
  data: {
    table: TableDetail;
    sessions: Awaited<ReturnType<TableSessionsService['sessionsOf']>>;
    councilStatus: Awaited<ReturnType<TableBoardService['councilStatus']>> | null;
    /** The institutions the participant form offers (only to those who manage the table). */
    institutions: { id: string; name: string }[];
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
  return {
    title: table.name,
    table,
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
    values:
      refused?.form === 'participant'
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
          },
    errors: refused?.errors ?? {},
    formError: refused?.formError ?? null,
    openForm: refused?.form ?? null,
    timeZone: table.timeZone,
  };
}
