import { ModuleException } from '../common/errors/domain.exception';

/** Refusals of the shared list of institutions. */
export class InstitutionException extends ModuleException {}
