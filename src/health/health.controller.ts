import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../common/access/decorators';
import { DatabaseAvailability } from '../database/database-availability';

@ApiTags('operación')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly availability: DatabaseAvailability,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'El proceso está vivo (no consulta dependencias)' })
  live() {
    return { status: 'ok' };
  }

  /** 503 while the database cannot answer; recovers on its own when the database is back. */
  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Listo para atender: la base de datos responde (503 si no)' })
  async ready() {
    try {
      const result = await this.health.check([() => this.db.pingCheck('database', { timeout: 2000 })]);
      this.availability.noteReadiness(true);
      return result;
    } catch (err) {
      this.availability.noteReadiness(false);
      throw err;
    }
  }
}
