import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SystemSetting } from './entities/system-setting.entity';

@Injectable()
export class SystemSettingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get<T>(key: string, em?: EntityManager): Promise<T | null> {
    const row = await (em ?? this.dataSource.manager).findOneBy(SystemSetting, { key });
    return row ? (row.value as T) : null;
  }

  /** Stores `value` under `key` unless the key exists; returns whether it was stored. */
  async putIfAbsent(key: string, value: unknown, em?: EntityManager): Promise<boolean> {
    const result = await (em ?? this.dataSource.manager)
      .createQueryBuilder()
      .insert()
      .into(SystemSetting)
      .values({ key, value: value as object })
      .orIgnore()
      .returning(['key'])
      .execute();
    return result.raw.length > 0;
  }

  async put(key: string, value: unknown, em?: EntityManager): Promise<void> {
    await (em ?? this.dataSource.manager).upsert(SystemSetting, { key, value: value as object }, ['key']);
  }
}
