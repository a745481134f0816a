import type { SharedMember } from '../associations/association-directory.service';
import { formatClp } from '../common/format/money';
import { formatDate } from '../common/format/dates';
import { translate, type Locale } from '../common/i18n/i18n';
import type { ActivitiesService, ActivityView } from './activities.service';
import type { BeneficiaryList } from './beneficiaries.service';
import type { BenefitView } from './benefits.service';
import { OWNER_SEXES } from './entities/beneficiary.entity';
import { BENEFIT_KINDS } from './entities/benefit.entity';
import { PROGRAM_KINDS } from './entities/program.entity';
import type { ProgramConsentState } from './program-consent.service';
import type { ProgramView } from './programs.service';

/** A form's body as it was posted: only to show the user's input again when the form is refused. */
export type PostedForm = Record<string, unknown>;
/** A refused form: each field's message, the summary and the status (formRefusal). */
export interface FormRefusal {
  status: number;
  errors: Record<string, string>;
  formError: string;
}

/** The direct beneficiary's consent text version (DOM-PRG-3): the checkbox's value on the form. */
export const BENEFICIARY_CONSENT_VERSION = 'beneficiario-2026-12';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
/** The values a form shows: the posted input when it was refused, the defaults otherwise. */
export function valuesOf(fields: Record<string, string>, posted: PostedForm, refused: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, fallback] of Object.entries(fields)) out[name] = refused ? text(posted[name]) : fallback;
  return out;
}
const options = (loc: Locale, prefix: string, values: readonly string[]) =>
  values.map((value) => ({ value, label: translate(loc, `${prefix}.${value}`) }));
export const choose = (label: string) => ({ value: '', label });
/** A share as the reader writes it, one decimal at most (es-CL `71,1`, en `71.1`). */
export const percent = (loc: Locale, part: number, whole: number) =>
  new Intl.NumberFormat(loc === 'en' ? 'en-GB' : 'es-CL', { maximumFractionDigits: 1 }).format(
    whole > 0 ? (part / whole) * 100 : 0,
  );

/** The program's heading and its section links (the same on its four pages). */
export function programHeader(loc: Locale, program: ProgramView, active: string) {
  const base = `/programas/${program.id}`;
  const tabs = [
    ['portfolio', base],
    ['beneficiaries', `${base}/beneficiarios`],
    ['benefits', `${base}/beneficios`],
    ['activities', `${base}/actividades`],
  ].map(([key, href]) => ({ href, label: translate(loc, `programs.tabs.${key}`), current: key === active }));
  return {
    program,
    tabs,
    kindLabel: translate(loc, `programs.kinds.${program.kind}`),
    period: translate(loc, 'programs.period', {
      startsOn: formatDate(program.startsOn),
      endsOn: formatDate(program.endsOn),
    }),
    budgetLabel: program.budgetClp === null ? translate(loc, 'programs.noBudget') : formatClp(program.budgetClp),
    timeZone: program.timeZone,
  };
}

/** `programs/list`: the admin's programs with the form for a new one. */
export function programListView(
  loc: Locale,
  data: { items: ProgramView[]; canCreate: boolean; regions: { code: string; name: string }[]; year: number },
  posted: PostedForm,
  refused?: FormRefusal,
) {
  return {
    title: translate(loc, 'programs.listTitle'),
    items: data.items.map((p) => ({
      ...p,
      kindLabel: translate(loc, `programs.kinds.${p.kind}`),
      subtitle: translate(loc, 'programs.agencyYear', { agency: p.agency?.name ?? '', year: p.year }),
      budgetLabel: p.budgetClp === null ? translate(loc, 'programs.noBudget') : formatClp(p.budgetClp),
      deliveredLabel: formatClp(p.deliveredClp),
    })),
    canCreate: data.canCreate,
    kinds: options(loc, 'programs.kinds', PROGRAM_KINDS),
    regions: [
      choose(translate(loc, 'programs.noRegion')),
      ...data.regions.map((r) => ({ value: r.code, label: `${r.name} (${r.code})` })),
    ],
    values: valuesOf(
      {
        name: '',
        kind: 'associative',
        year: String(data.year),
        agencyName: '',
        regionCode: '',
        communeCodes: '',
        startsOn: '',
        endsOn: '',
        budgetClp: '',
        lines: '',
      },
      posted,
      !!refused,
    ),
    errors: refused?.errors ?? {},
    formError: refused?.formError ?? null,
  };
}

/** Which form of the beneficiaries' page was refused (it is shown open, with the input). */
export type BeneficiaryForm = 'direct' | 'roster';

/** `programs/beneficiaries`: the visible list with its filters, and the two ways of adding a beneficiary. */
export function beneficiariesView(
  loc: Locale,
  data: {
    program: ProgramView;
    list: BeneficiaryList;
    filter: { q?: string; category?: string; ownerSex?: string; associationId?: string };
    categories: string[];
    associations: { id: string; name: string; sharing: boolean }[];
    roster: { associationId: string; members: SharedMember[] } | null;
    today: string;
  },
  posted: PostedForm,
  refused?: FormRefusal & { form: BeneficiaryForm },
) {
  const sexes = options(loc, 'programs.sexes', OWNER_SEXES);
  const direct = refused?.form === 'direct';
  const roster = refused?.form === 'roster';
  const names = new Map(data.associations.map((a) => [a.id, a.name]));
  return {
    title: `${translate(loc, 'programs.beneficiariesTitle')} · ${data.program.name}`,
    ...programHeader(loc, data.program, 'beneficiaries'),
    items: data.list.items.map((b) => ({
      ...b,
      document: (b as { documentMasked?: string }).documentMasked ?? '',
      ownerSexLabel: translate(loc, `programs.sexes.${b.ownerSex}`),
      sourceLabel: translate(loc, `programs.sources.${b.source}`),
    })),
    shownCount: translate(loc, 'programs.shownCount', { n: data.list.total }),
    hidden: data.list.hidden,
    hiddenNotice: data.list.hidden ? translate(loc, 'programs.hiddenNotice', { n: data.list.hidden }) : null,
    filter: {
      q: data.filter.q ?? '',
      categories: data.categories.map((c) => ({ value: c, label: c, selected: c === data.filter.category })),
      sexes: sexes.map((s) => ({ ...s, selected: s.value === data.filter.ownerSex })),
      associations: data.associations.map((a) => ({
        value: a.id,
        label: a.name,
        selected: a.id === data.filter.associationId,
      })),
    },
    sexOptions: [choose(translate(loc, 'programs.choose')), ...sexes],
    consentVersion: BENEFICIARY_CONSENT_VERSION,
    consentChecked: direct && posted.consentTextVersion === BENEFICIARY_CONSENT_VERSION,
    values: valuesOf(
      {
        rut: '',
        fullName: '',
        businessName: '',
        businessCategory: '',
        ownerSex: '',
        communeCode: data.program.communeCodes[0] ?? '',
        enrolledOn: data.today,
      },
      posted,
      direct,
    ),
    errors: direct ? refused.errors : {},
    // the roster form: its own ids (the direct form's fields share the names)
    sharingAssociations: data.associations
      .filter((a) => a.sharing)
      .map((a) => ({ value: a.id, label: a.name, selected: a.id === data.roster?.associationId })),
    roster: data.roster
      ? {
          associationId: data.roster.associationId,
          associationName: names.get(data.roster.associationId) ?? '',
          members: data.roster.members.map((m) => ({
            value: m.membershipId,
            label: `${m.fullName} (${m.documentNumber})${m.businessName ? ` · ${m.businessName}` : ''}`,
            selected: roster && posted.memberId === m.membershipId,
          })),
        }
      : null,
    rosterValues: valuesOf(
      { businessName: '', businessCategory: '', ownerSex: '', enrolledOn: data.today },
      posted,
      roster,
    ),
    rosterSexes: sexes.map((s) => ({ ...s, selected: roster && posted.ownerSex === s.value })),
    rosterErrors: roster ? refused.errors : {},
    openForm: refused?.form ?? null,
    formError: refused?.formError ?? null,
  };
}

/** `programs/benefits`: what was delivered against the budget, and the form (DOM-PRG-4). */
export function benefitsView(
  loc: Locale,
  data: {
    program: ProgramView;
    benefits: BenefitView[];
    beneficiaries: { id: string; label: string }[];
    associations: { id: string; name: string }[];
    today: string;
    /** The refusal was the budget check: the form shows the confirmation. */
    overBudget: boolean;
  },
  posted: PostedForm,
  refused?: FormRefusal,
) {
  const { program } = data;
  const delivered = formatClp(program.deliveredClp);
  return {
    title: `${translate(loc, 'programs.benefitsTitle')} · ${program.name}`,
    ...programHeader(loc, program, 'benefits'),
    summary:
      program.budgetClp === null
        ? translate(loc, 'programs.deliveredNoBudget', { delivered })
        : translate(loc, 'programs.deliveredAgainst', {
            delivered,
            budget: formatClp(program.budgetClp),
            percent: percent(loc, program.deliveredClp, program.budgetClp),
          }),
    overBudgetTotal: program.budgetClp !== null && program.deliveredClp > program.budgetClp,
    items: data.benefits.map((b) => ({
      ...b,
      kindLabel: translate(loc, `programs.benefitKinds.${b.kind}`),
      amountLabel: formatClp(b.amountClp),
    })),
    beneficiaryOptions: [
      choose(translate(loc, 'programs.noneOption')),
      ...data.beneficiaries.map((b) => ({ value: b.id, label: b.label })),
    ],
    associationOptions: [
      choose(translate(loc, 'programs.noneOption')),
      ...data.associations.map((a) => ({ value: a.id, label: a.name })),
    ],
    kinds: options(loc, 'programs.benefitKinds', BENEFIT_KINDS),
    lineOptions: [choose(translate(loc, 'programs.noLine')), ...program.lines.map((l) => ({ value: l, label: l }))],
    askOverBudget: data.overBudget,
    values: valuesOf(
      {
        beneficiaryId: '',
        associationId: '',
        kind: 'subsidy',
        amountClp: '',
        deliveredOn: data.today,
        line: '',
        description: '',
        overBudgetConfirmed: '',
      },
      posted,
      !!refused,
    ),
    errors: refused?.errors ?? {},
    formError: refused?.formError ?? null,
  };
}

/** `programs/activities`: the program's activities and the form for a new one (DOM-PRG-5). */
export function activitiesView(
  loc: Locale,
  data: { program: ProgramView; activities: ActivityView[] },
  posted: PostedForm,
  refused?: FormRefusal,
) {
  const { program } = data;
  return {
    title: `${translate(loc, 'programs.activitiesTitle')} · ${program.name}`,
    ...programHeader(loc, program, 'activities'),
    items: data.activities.map((a) => ({
      ...a,
      figures: translate(loc, 'programs.attendanceFigures', {
        present: a.present,
        excused: a.excused,
        invited: a.invited,
      }),
    })),
    lineOptions: [choose(translate(loc, 'programs.noLine')), ...program.lines.map((l) => ({ value: l, label: l }))],
    values: valuesOf({ title: '', localStart: '', place: '', line: '' }, posted, !!refused),
    errors: refused?.errors ?? {},
    formError: refused?.formError ?? null,
  };
}

/** `programs/activity`: attendance taken on a phone, one row per beneficiary with three large choices. */
export function activityView(
  loc: Locale,
  data: { program: ProgramView; activity: Awaited<ReturnType<ActivitiesService['get']>> },
  posted: PostedForm,
  refused?: FormRefusal,
) {
  const { activity } = data;
  const sent = (posted.status ?? {}) as Record<string, unknown>;
  const statuses = ['present', 'excused', 'absent'] as const;
  return {
    title: activity.title,
    ...programHeader(loc, data.program, 'activities'),
    activity,
    timeZone: activity.timeZone,
    rows: activity.attendance.map((row, i) => {
      const current = refused ? text(sent[row.beneficiaryId]) : (row.status ?? '');
      return {
        ...row,
        index: i,
        choices: statuses.map((s) => ({
          value: s,
          label: translate(loc, `programs.statuses.${s}`),
          id: `mark-${row.beneficiaryId}-${s}`,
          checked: current === s,
        })),
      };
    }),
    errors: refused?.errors ?? {},
    formError: refused?.formError ?? null,
  };
}

/** `programs/consents`: an association's programs with the exact consent text and the share or withdraw button. */
export function consentsView(
  loc: Locale,
  data: { association: { id: string; name: string }; canShare: boolean; programs: ProgramConsentState[] },
  refused?: FormRefusal,
) {
  return {
    title: translate(loc, 'programs.consentsTitle', { name: data.association.name }),
    association: data.association,
    canShare: data.canShare,
    programs: data.programs.map((p) => ({
      ...p,
      enrolledSince: translate(loc, 'programs.enrolledSince', { date: formatDate(p.enrolledOn) }),
      sharedSince: p.consent
        ? translate(loc, 'programs.sharedSince', {
            date: formatDate(p.consent.grantedAt),
            name: p.consent.grantedByName,
          })
        : null,
    })),
    errors: refused?.errors ?? {},
    formError: refused?.formError ?? null,
  };
}

/** `programs/import`: the beneficiaries' file (all or nothing), with every refused line listed (DOM-PRG-2). */
export function importView(
  loc: Locale,
  data: { program: ProgramView; consentChecked: boolean },
  refused?: { status: number; formError: string; lines: { field: string; message: string }[] },
) {
  return {
    title: `${translate(loc, 'programs.importTitle')} · ${data.program.name}`,
    ...programHeader(loc, data.program, 'beneficiaries'),
    consentVersion: BENEFICIARY_CONSENT_VERSION,
    consentChecked: data.consentChecked,
    problems: refused?.lines ?? [],
    formError: refused?.formError ?? null,
    errors: {},
  };
}
