import { formatClp } from '../common/format/money';
import { formatDate } from '../common/format/dates';
import { translate, type Locale } from '../common/i18n/i18n';
import { OWNER_SEXES } from './entities/beneficiary.entity';
import type { Portfolio, PortfolioRow } from './portfolio.service';
import type { ProgramView } from './programs.service';
import { choose, type FormRefusal, percent, type PostedForm, programHeader, valuesOf } from './programs.view-model';

/** A horizontal bar chart like the tables' board: a row per item, its label in HTML, its bar as SVG attributes (the CSP forbids inline styles). */
export function barChart(items: { label: string; value: number; display: string }[], max?: number) {
  const top = Math.max(max ?? 0, ...items.map((i) => i.value), 1);
  // drawn in HTML with a 300-wide SVG bar each: the label wraps and keeps the page's font size on a phone
  const bars = items.map((item) => ({ ...item, width: Math.round((item.value / top) * 300) }));
  return { bars };
}

/** A portfolio row with its light worded (text and colour, never colour alone) and its links. */
function portfolioRow(loc: Locale, row: PortfolioRow) {
  return {
    ...row,
    lightLabel: translate(loc, `programs.lights.${row.light}`),
    lightClass:
      row.light === 'green' ? 'text-bg-success' : row.light === 'amber' ? 'text-bg-warning' : 'text-bg-danger',
    concernText: row.concerns.map((c) => translate(loc, `programs.concerns.${c}`)).join('; '),
    belowMinimum: row.membersActive < row.membersMinimum,
    lastActa: row.lastApproved
      ? {
          href: `/reuniones/${row.lastApproved.meetingId}/acta`,
          label: translate(loc, 'programs.actaLink', {
            number: row.lastApproved.number,
            date: formatDate(row.lastApproved.date),
          }),
        }
      : null,
  };
}

/** The three charts of the portfolio, each with the table of the same numbers (DOM-PRG-6). */
export function portfolioCharts(loc: Locale, portfolio: Portfolio) {
  const { total, byCategory, byOwnerSex } = portfolio.beneficiaries;
  const count = (label: string, value: number) => ({
    label,
    value,
    display: String(value),
    share: percent(loc, value, total),
  });
  const categories = Object.entries(byCategory)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'es'))
    .map(([label, n]) => count(label, n));
  const sexes = OWNER_SEXES.map((s) => count(translate(loc, `programs.sexes.${s}`), byOwnerSex[s] ?? 0));
  const budget = portfolio.budgetClp;
  const lines = Object.entries(portfolio.deliveredByLine)
    .sort((a, b) => b[1] - a[1])
    .map(([label, clp]) => ({
      label,
      value: clp,
      display: formatClp(clp),
      share: budget ? percent(loc, clp, budget) : null,
    }));
  const delivered = {
    label: translate(loc, 'programs.totalDelivered'),
    value: portfolio.deliveredClp,
    display: formatClp(portfolio.deliveredClp),
    share: budget ? percent(loc, portfolio.deliveredClp, budget) : null,
  };
  const lineBars = [...lines, delivered];
  return [
    {
      id: 'by-category',
      title: translate(loc, 'programs.chartByCategory'),
      column: translate(loc, 'programs.category'),
      shareColumn: translate(loc, 'programs.share'),
      rows: categories,
      chart: barChart(categories),
      empty: !total,
      colour: '#0d6efd',
    },
    {
      id: 'by-sex',
      title: translate(loc, 'programs.chartBySex'),
      column: translate(loc, 'programs.sex'),
      shareColumn: translate(loc, 'programs.share'),
      rows: sexes,
      chart: barChart(sexes),
      empty: !total,
      colour: '#6f42c1',
    },
    {
      id: 'by-line',
      title: translate(loc, 'programs.chartByLine'),
      column: translate(loc, 'programs.line'),
      shareColumn: translate(loc, 'programs.ofBudget'),
      rows: lineBars,
      // scaled to the budget: a full bar is the whole budget
      chart: barChart(lineBars, budget ?? undefined),
      empty: !lines.length,
      colour: '#198754',
      budget: budget === null ? translate(loc, 'programs.noBudget') : formatClp(budget),
    },
  ];
}

/** The forms of the portfolio page: an association enrolled, a program officer named (admin). */
export type PortfolioForm = 'enrol' | 'officer';
/** A program officer as the page lists them. */
export interface ProgramOfficer {
  name: string;
  email: string;
  disabled: boolean;
}

/** `programs/portfolio`: the program officer's start page (DOM-PRG-6) with the enrolment form and the program's officers. */
export function portfolioView(
  loc: Locale,
  data: {
    program: ProgramView;
    portfolio: Portfolio;
    enrollable: { id: string; name: string }[];
    today: string;
    officers: ProgramOfficer[];
    canNameOfficers: boolean;
  },
  posted: PostedForm,
  refused?: FormRefusal & { form?: PortfolioForm },
) {
  const officerForm = refused?.form === 'officer';
  const rate = data.portfolio.activityAttendanceRate;
  return {
    title: data.program.name,
    ...programHeader(loc, data.program, 'portfolio'),
    rows: data.portfolio.associations.map((r) => portfolioRow(loc, r)),
    charts: portfolioCharts(loc, data.portfolio),
    beneficiariesTotal: data.portfolio.beneficiaries.total,
    attendanceRate: rate === null ? null : translate(loc, 'programs.attendanceRate', { rate: percent(loc, rate, 1) }),
    enrollable: [
      choose(translate(loc, 'programs.chooseAssociation')),
      ...data.enrollable.map((a) => ({ value: a.id, label: a.name })),
    ],
    hasEnrollable: data.enrollable.length > 0,
    // the program's officers (issue 17 item 1): the admin names them here
    officers: data.officers,
    canNameOfficers: data.canNameOfficers,
    values: {
      ...valuesOf({ associationId: '', enrolledOn: data.today }, posted, !!refused && !officerForm),
      ...valuesOf({ name: '', email: '' }, posted, officerForm),
    },
    errors: refused?.errors ?? {},
    // a refused officer form shows its summary in its own section
    formError: officerForm ? null : (refused?.formError ?? null),
    officerFormError: officerForm ? refused.formError : null,
  };
}
