import { Module } from '@nestjs/common';
import { PersonRegistry } from './person-registry.service';

/**
 * The platform's person registry (ARCHITECTURE.md §2, §3.6): one record per person, identified by RUT or DNI,
 * used by identity (a user's person), associations (members) and programs (beneficiaries). It imports no feature.
 */
@Module({
  providers: [PersonRegistry],
  exports: [PersonRegistry],
})
export class PeopleModule {}
