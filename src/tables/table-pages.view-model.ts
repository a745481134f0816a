import { translate, type Locale } from '../common/i18n/i18n';
import type { CommitmentProgressService } from './commitment-progress.service';
import type { Board } from './table-board.service';
import type { TableShareLinksService } from './table-share-links.service';
import type { TableSessionsService } from './table-sessions.service';
import type { TableDetail, TableRights } from './tables.service';
import { type FormRefusal, type PostedForm, postedText } from './tables.view-model';

const STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
/** Blank rows the acta editor offers for new agreements and commitments. */
const BLANK_ROWS = 3;

/** Posted rows (`commitments[0][description]=…`) as the editor shows them again: an array, or an object by index. */
const postedRows = (v: unknown): PostedForm[] =>
  (Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : []).filter(
    (r): r is PostedForm => !!r && typeof r === 'object',
  );

/**
 * The board's bar chart of fulfilment per institution: a row per institution, its name in HTML (it wraps and keeps
 * the page's font size on a phone) and a bar drawn as SVG attributes (the pages' CSP forbids inline styles).
 */
function chartOf(board: Board) {
  const bars = board.fulfilment.map((f) => ({
    ...f,
    width: Math.round(((f.rate ?? 0) / 100) * 300),
    label: f.rate === null ? '—' : `${f.rate} %`,
  }));
  return { bars };
}

/** What the board shows, for the coordinator's page and the shared one: filters, chart, pages, export links. */
function boardLocals(board: Board, loc: Locale, base: string) {
  const query = (page: number) => {
    const p = new URLSearchParams();
    if (board.filter.institutionId) p.set('institutionId', board.filter.institutionId);
    if (board.filter.axisId) p.set('axisId', board.filter.axisId);
    if (board.filter.status) p.set('status', board.filter.status);
    if (board.filter.overdue) p.set('overdue', 'true');
    if (page > 1) p.set('page', String(page));
    const s = p.toString();
    return s ? `${base}?${s}` : base;
  };
  const pages = Math.max(1, Math.ceil(board.total / board.pageSize));
  const exportQuery = query(1).slice(base.length);
  return {
    board,
    chart: chartOf(board),
    institutionOptions: board.institutions.map((i) => ({ ...i, selected: i.id === board.filter.institutionId })),
    axisOptions: board.axes.map((a) => ({ ...a, selected: a.id === board.filter.axisId })),
    statusOptions: STATUSES.map((value) => ({
      value,
      label: translate(loc, `minutes.commitmentStatuses.${value}`),
      selected: value === board.filter.status,
    })),
    page: board.page,
    pages,
    previousHref: board.page > 1 ? query(board.page - 1) : null,
    nextHref: board.page < pages ? query(board.page + 1) : null,
    exportQuery,
  };
}

/** Which of a session page's forms was refused. */
export type SessionForm = 'attendance' | 'agenda' | 'minutes' | 'approve';
type Session = Awaited<ReturnType<TableSessionsService['get']>>;

/** A session's page (`tables/session`): attendance, agenda and the acta editor, refilled when a form is refused. */
export function sessionView(
  loc: Locale,
  data: { session: Session; table: TableDetail },
  posted: PostedForm,
  refused?: FormRefusal & { form: SessionForm },
) {
  const { session, table } = data;
  const m = session.minutes;
  const editable = session.rights.manage && m.status === 'draft' && session.status !== 'cancelled';
  // the acta editor's rows: what was posted when refused, else what is saved, plus blank rows
  const postedItems = refused?.form === 'minutes' ? postedRows(posted.items) : null;
  // with an empty agenda the acta still has one point to write in
  const points = session.agenda.length
    ? session.agenda
    : [{ title: translate(loc, 'tables.generalItem'), itemId: undefined }];
  const items = points.map((a, i) => ({
    index: i,
    title: a.title,
    agendaItemId: a.itemId ?? '',
    notes: postedItems ? postedText(postedItems[i]?.notes) : (m.items.find((x) => x.title === a.title)?.notes ?? ''),
  }));
  const agreements =
    refused?.form === 'minutes'
      ? postedRows(posted.agreements).map((a) => postedText(a.text))
      : m.agreements.map((a) => a.text);
  while (agreements.length < m.agreements.length + BLANK_ROWS) agreements.push('');
  const ownerOptions = [
    ...table.participants.map((p) => ({ value: `participant:${p.id}`, label: `${p.name} (${p.institution.name})` })),
    ...[...new Map(table.participants.map((p) => [p.institution.id, p.institution.name])).entries()].map(
      ([id, name]) => ({ value: `institution:${id}`, label: name }),
    ),
  ];
  const commitmentRows = (
    refused?.form === 'minutes'
      ? postedRows(posted.commitments).map((c) => ({
          id: postedText(c.id),
          description: postedText(c.description),
          owner: postedText(c.owner),
          axisId: postedText(c.axisId),
          dueOn: postedText(c.dueOn),
        }))
      : m.commitments.map((c) => ({
          id: c.id,
          description: c.description,
          owner: `${c.owner.kind}:${c.owner.id}`,
          axisId: c.axis?.id ?? '',
          dueOn: c.dueOn,
        }))
  ).map((c, i) => ({ ...c, index: i }));
  for (let i = commitmentRows.length, n = m.commitments.length + BLANK_ROWS; i < n; i++)
    commitmentRows.push({ id: '', description: '', owner: '', axisId: '', dueOn: '', index: i });
  const postedMarks = refused?.form === 'attendance' ? postedRows(posted.attendance) : null;
  return {
    title: translate(loc, 'tables.sessionTitle', {
      name: table.name,
      date: session.localStart.slice(0, 10).split('-').reverse().join('-'),
    }),
    table,
    session,
    canManage: session.rights.manage,
    editable,
    upcoming: session.status === 'scheduled' || session.status === 'convened',
    canApprove:
      session.rights.manage &&
      m.status === 'draft' &&
      m.version > 0 &&
      session.status === 'held' &&
      !m.approvalWaitsFor,
    attendance: session.attendance.map((a, i) => {
      const mark = postedMarks?.find((p) => p.participantId === a.participantId);
      const status = mark ? postedText(mark.status) : a.status;
      const mode = mark ? postedText(mark.mode) : a.mode;
      return {
        ...a,
        index: i,
        statuses: ['present', 'excused', 'absent'].map((v) => ({
          value: v,
          label: translate(loc, `tables.attendance.${v}`),
          selected: v === status,
        })),
        modes: ['in_person', 'online'].map((v) => ({
          value: v,
          label: translate(loc, `tables.modes.${v}`),
          selected: v === mode,
        })),
      };
    }),
    items,
    agreements: agreements.map((text, i) => ({ text, index: i, n: i + 1 })),
    commitmentRows: commitmentRows.map((c) => ({
      ...c,
      n: c.index + 1,
      owners: ownerOptions.map((o) => ({ ...o, selected: o.value === c.owner })),
      axes: table.axes.map((a) => ({ value: a.id, label: a.name, selected: a.id === c.axisId })),
    })),
    hasAxes: table.axes.length > 0,
    values: { title: refused?.form === 'agenda' ? postedText(posted.title) : '' },
    errors: refused?.errors ?? {},
    errorList: refused ? Object.values(refused.errors) : [],
    formError: refused?.formError ?? null,
    openForm: refused?.form ?? null,
  };
}

type Shares = Awaited<ReturnType<TableShareLinksService['shares']>>;

/** The coordinator's board page (`tables/board`) with the share links; a new link's address is shown this once. */
export function boardView(
  loc: Locale,
  data: { board: Board & { rights: TableRights }; shares: Shares; id: string },
  posted: PostedForm,
  extra: { newShare?: { url: string; label: string | null }; shareError?: string } = {},
) {
  const { board } = data;
  return {
    title: translate(loc, 'tables.boardTitle', { name: board.table.name }),
    ...boardLocals(board, loc, `/mesas/${data.id}/compromisos`),
    canManage: board.rights.manage,
    shares: data.shares.map((s) => ({ ...s, active: !s.revokedAt })),
    newShare: extra.newShare ?? null,
    shareError: extra.shareError ?? null,
    values: { label: extra.shareError ? postedText(posted.label) : '' },
    errors: extra.shareError ? { label: extra.shareError } : {},
  };
}

/** The board behind a share link (`tables/shared-board`), for people without an account. */
export function sharedBoardView(loc: Locale, board: Board, token: string) {
  return {
    title: translate(loc, 'tables.boardTitle', { name: board.table.name }),
    ...boardLocals(board, loc, `/mesas/compartida/${token}`),
  };
}

/** A commitment's page (`tables/commitment`): its history and the progress form, refilled when refused. */
export function commitmentView(
  loc: Locale,
  data: {
    commitment: Awaited<ReturnType<CommitmentProgressService['get']>>;
    evidenceMaxMb: number;
  },
  posted: PostedForm,
  refused?: FormRefusal,
) {
  return {
    title: translate(loc, 'tables.commitmentTitle'),
    commitment: data.commitment,
    statusOptions: [
      { value: '', label: translate(loc, 'minutes.keepStatus') },
      ...STATUSES.map((value) => ({ value, label: translate(loc, `minutes.commitmentStatuses.${value}`) })),
    ],
    maxMb: data.evidenceMaxMb,
    values: { status: postedText(posted.status), progress: postedText(posted.progress), note: postedText(posted.note) },
    errors: refused?.errors ?? {},
    formError: refused?.formError ?? null,
  };
}
