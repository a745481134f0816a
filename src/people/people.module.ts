import { Module } from '@nestjs/common';
import { ConsentRegistry } from './consent-registry.service';
import { PersonRegistry } from './person-registry.service';

/**
 * The platform's person registry (ARCHITECTURE.md §2, §3.6): one record per person, identified by RUT or DNI,
 * used by identity (a user's person), associations (members) and programs (beneficiaries), and the consent
 * records that let a person's or a roster's data be shared (DOM-DATA-2). It imports no feature.
 */
@Module({
  providers: [PersonRegistry, ConsentRegistry],
  exports: [PersonRegistry, ConsentRegistry],
})
export class PeopleModule {}
