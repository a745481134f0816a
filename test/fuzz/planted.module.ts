import { BadRequestException, Body, Controller, Module, Post, Put } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString } from 'class-validator';
import { DataSource } from 'typeorm';
import { AllowRoles } from '../../src/common/access/decorators';

/** A note, as any DTO of the API describes its fields. */
class PlantedNoteDto {
  @ApiProperty({ example: 'Una nota' })
  @IsString()
  text: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  count?: number;
}

/**
 * Planted bugs, test-only, for the fuzzer to find (and so prove it fails when it should): a handler that writes a
 * row and then refuses the request, and one that crashes on a large number or a long text and forgets to check who
 * calls it (any signed-in user is answered 200).
 */
@Controller('api/v1/fuzz-planted')
class PlantedController {
  constructor(private readonly dataSource: DataSource) {}

  @Post('notes')
  @AllowRoles('admin')
  async writeThenRefuse(@Body() dto: PlantedNoteDto) {
    await this.dataSource.query(`INSERT INTO audit_log (action, object_type) VALUES ('planted.note', 'fuzz')`);
    if (dto.text.length > 3) throw new BadRequestException('planted: the row above stays');
    return { ok: true };
  }

  @Put('crash')
  crash(@Body() dto: PlantedNoteDto) {
    if ((dto.count ?? 0) > 100 || dto.text.length > 150) throw new Error('planted crash');
    return { ok: true };
  }
}

@Module({ controllers: [PlantedController] })
export class PlantedBugsModule {}

export const isPlanted = (op: { template: string }) => op.template.startsWith('/api/v1/fuzz-planted/');
