import { Module, OnModuleInit } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ScopeRegistry } from '../auth/scope-registry';
import { TablesApiController } from './tables.api.controller';
import { TablesController } from './tables.controller';
import { TablesService } from './tables.service';

/** Inter-institutional tables (DOMAIN.md §6): institutions, tables, participants and axes; sessions and the commitments board build on it. */
@Module({
  imports: [AuditModule],
  controllers: [TablesController, TablesApiController],
  providers: [TablesService],
  exports: [TablesService],
})
export class TablesModule implements OnModuleInit {
  constructor(
    private readonly scopes: ScopeRegistry,
    private readonly tables: TablesService,
  ) {}

  /** Table-scoped roles (coordinators, participants) are checked and reached through the table's commune. */
  onModuleInit(): void {
    this.scopes.register('table', { communeOf: (id) => this.tables.communeOf(id), idsInCommunes: (codes) => this.tables.idsInCommunes(codes), exists: (id) => this.tables.exists(id) });
  }
}
