import { formatDate, formatDateTime, instantFromLocal } from '../../common/format/dates';
import { formatClp } from '../../common/format/money';
import type { Locale } from '../../common/i18n/i18n';
import type { LocalizedText } from '../../common/i18n/messages';
import { FUND_APPLICATION_STATUSES } from './entities/fund-application.entity';
import type { FundsOverview } from './fund-matching-page.service';
import type { QualifierRow } from './fund-call-qualifiers.service';
import { pageTexts as p, STATE_LABELS, STATUS_LABELS } from './fund-matching.messages';

/** A refused form: which one, each field's message, the summary, the status and what was posted. */
export interface FundsFormRefusal {
  form: 'declaration' | 'application' | string;
  status: number;
  errors: Record<string, string>;
  formError: string;
  posted: Record<string, unknown>;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const SYMBOL = { true: '✓', false: '✗', null: '?' } as const;

/** The funds page (phone first: a card per call, each reason with a symbol and its words, never colour alone). */
export function fundsPageView(loc: Locale, data: FundsOverview, base: string, refused?: FundsFormRefusal) {
  const tx = (text: LocalizedText) => text[loc];
  const local = (at: string, zone: string) => formatDateTime(instantFromLocal(at, zone), zone);
  const card = (m: FundsOverview['matches'][number]) => ({
    ...m,
    stateLabel: tx(STATE_LABELS[m.state]),
    closesLabel: tx(p.closesAt({ at: local(m.closesAt, m.timeZone) })),
    opensLabel: m.state === 'upcoming' ? tx(p.opensAt({ at: local(m.opensAt, m.timeZone) })) : '',
    amountLabel: m.amountMaxClp === null ? '' : formatClp(m.amountMaxClp),
    reasons: m.reasons.map((r) => ({
      ...r,
      symbol: SYMBOL[String(r.met) as keyof typeof SYMBOL],
      metLabel: tx(r.met === true ? p.metYes() : r.met === false ? p.metNo() : p.metUnknown()),
      tone: r.met === true ? 'success' : r.met === false ? 'danger' : 'secondary',
    })),
  });
  const group = (eligibility: string) => data.matches.filter((m) => m.eligibility === eligibility).map(card);
  const applied = new Set(data.applications.map((a) => a.fundCallId));
  const kindLabel = (kind: string) => tx(kind === 'no_activity_start' ? p.kindNoActivity() : p.kindRegistry());
  const posted = refused?.posted ?? {};
  const refusedApp = refused?.form.startsWith('application:') ? refused.form.slice('application:'.length) : null;
  return {
    title: tx(data.applicant.type === 'association' ? p.titleAssociation() : p.titleBeneficiary()),
    tx: Object.fromEntries(Object.entries(p).map(([k, f]) => [k, (f as () => LocalizedText)()[loc]])),
    applicant: data.applicant,
    canAct: data.canAct,
    base,
    backUrl:
      data.applicant.type === 'association'
        ? `/organizaciones/${data.applicant.id}`
        : `/programas/${data.applicant.programId}/beneficiarios`,
    groups: [
      { key: 'eligible', title: tx(p.eligible()), items: group('eligible') },
      { key: 'unknown', title: tx(p.unknown()), items: group('unknown') },
      { key: 'not_eligible', title: tx(p.notEligible()), items: group('not_eligible') },
    ],
    overdue: data.applications
      .filter((a) => a.expenseReportOverdue)
      .map((a) => tx(p.overdue({ fund: a.fundCallName, on: formatDate(a.expenseReportDueOn) }))),
    applications: data.applications.map((a) => {
      const mine = refusedApp === a.id;
      return {
        ...a,
        statusLabel: tx(STATUS_LABELS[a.status]),
        requestedLabel: tx(p.requested({ amount: formatClp(a.amountRequestedClp) })),
        awardedLabel: a.amountAwardedClp === null ? '' : tx(p.awarded({ amount: formatClp(a.amountAwardedClp) })),
        dueLabel: a.expenseReportDueOn ? tx(p.reportDue({ on: formatDate(a.expenseReportDueOn) })) : '',
        submittedLabel: a.expenseReportSubmittedOn
          ? tx(p.reportSubmitted({ on: formatDate(a.expenseReportSubmittedOn) }))
          : '',
        statuses: FUND_APPLICATION_STATUSES.map((s) => ({
          value: s,
          label: tx(STATUS_LABELS[s]),
          selected: (mine ? str(posted.status) : a.status) === s,
        })),
        values: {
          amountAwardedClp: mine ? str(posted.amountAwardedClp) : (a.amountAwardedClp?.toString() ?? ''),
          expenseReportDueOn: mine ? str(posted.expenseReportDueOn) : (a.expenseReportDueOn ?? ''),
          expenseReportSubmittedOn: mine ? str(posted.expenseReportSubmittedOn) : (a.expenseReportSubmittedOn ?? ''),
        },
        errors: mine ? refused!.errors : {},
        formError: mine ? refused!.formError : '',
      };
    }),
    declarations: data.declarations.map((d) =>
      tx(
        (d.value ? p.declaredYes : p.declaredNo)({
          kind: kindLabel(d.kind),
          on: formatDate(d.declaredOn),
        }),
      ),
    ),
    declarationKinds: (data.applicant.type === 'association'
      ? ['public_funds_registry']
      : ['no_activity_start', 'public_funds_registry']
    ).map((value) => ({ value, label: kindLabel(value) })),
    yesNo: [
      { value: 'true', label: tx(p.yes()) },
      { value: 'false', label: tx(p.no()) },
    ],
    callsToApply: [
      { value: '', label: tx(p.chooseCall()) },
      ...data.matches
        .filter((m) => m.state !== 'closed' && !applied.has(m.fundCallId))
        .map((m) => ({ value: m.fundCallId, label: `${m.name} (${tx(STATE_LABELS[m.state])})` })),
    ],
    createStatuses: (['preparing', 'submitted'] as const).map((s) => ({ value: s, label: tx(STATUS_LABELS[s]) })),
    // the {{field}} helper reads `values` and `errors` of the refused form (declaration or new application)
    values:
      refused && !refusedApp
        ? Object.fromEntries(Object.entries(posted).map(([k, v]) => [k, str(v)]))
        : { value: 'true', status: 'preparing' },
    errors: refused && !refusedApp ? refused.errors : {},
    declarationError: refused?.form === 'declaration' ? refused.formError : '',
    applicationError: refused?.form === 'application' ? refused.formError : '',
  };
}

/** Which of the officer's enrolled associations qualify for one call: a card per association with its reasons. */
export function qualifiersPageView(
  loc: Locale,
  data: { call: { id: string; name: string }; programs: { id: string; name: string; rows: QualifierRow[] }[] },
) {
  const tx = (text: LocalizedText) => text[loc];
  const label = { eligible: p.eligible(), unknown: p.unknown(), not_eligible: p.notEligible() };
  return {
    title: tx(p.qualifiersTitle({ call: data.call.name })),
    call: data.call,
    tx: { back: tx(p.qualifiersBack()), none: tx(p.qualifiersNone()), lead: tx(p.qualifiersLead()) },
    programs: data.programs.map((program) => ({
      ...program,
      rows: program.rows.map((r) => ({
        ...r,
        eligibilityLabel: tx(label[r.eligibility]),
        tone: r.eligibility === 'eligible' ? 'success' : r.eligibility === 'not_eligible' ? 'danger' : 'secondary',
        reasons: r.reasons.map((reason) => ({
          ...reason,
          symbol: SYMBOL[String(reason.met) as keyof typeof SYMBOL],
          metLabel: tx(reason.met === true ? p.metYes() : reason.met === false ? p.metNo() : p.metUnknown()),
          tone: reason.met === true ? 'success' : reason.met === false ? 'danger' : 'secondary',
        })),
      })),
    })),
  };
}
