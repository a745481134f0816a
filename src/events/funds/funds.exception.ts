import { ModuleException } from '../../common/errors/domain.exception';

/** Refusals of the fund calendar (API.md phase 2), with stable codes. Add codes here as rules need them. */
export class FundException extends ModuleException {
  static override readonly codes = [
    'FUND_CALL_CLOSED',
    'FUND_CALL_NOT_UPCOMING',
    'FEED_REVOKED',
    // F2: applications (DOM-FND-4)
    'FUND_APPLICATION_DUPLICATE',
    'FUND_APPLICANT_NOT_ADMITTED',
  ] as const;
}
