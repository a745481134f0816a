import { ModuleException } from '../common/errors/domain.exception';

/** Refusals of programs, beneficiaries, benefits and activities (API.md phase 2), with stable codes. */
export class ProgramException extends ModuleException {
  static override readonly codes = [
    'ACTIVITY_HAS_NO_ACTA',
    'ACTIVITY_NOT_STARTED',
    'ALREADY_ENROLLED',
    'ASSOCIATION_NOT_ENROLLED',
    'BENEFICIARY_DUPLICATE',
    'CONSENT_REQUIRED',
    'OUTSIDE_TERRITORY',
    'PROGRAM_BUDGET_EXCEEDED',
  ] as const;
}
