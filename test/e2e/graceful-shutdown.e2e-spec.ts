import { Public } from '../../src/common/access/decorators';
import { Controller, Get, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createTestApp } from '../support/test-app';

let release: () => void = () => undefined;
let entered: () => void = () => undefined;

@Public()
@Controller('__test')
class SlowController {
  constructor(private readonly dataSource: DataSource) {}

  /** Holds the request until the test releases it, then uses the database. */
  @Get('slow')
  async slow() {
    await new Promise<void>((resolve) => {
      release = resolve;
      entered();
    });
    const [row] = await this.dataSource.query(`SELECT name FROM commune WHERE code = '04101'`);
    return { name: row.name };
  }
}
@Module({ controllers: [SlowController] })
class SlowModule {}

describe('graceful shutdown', () => {
  it('lets a request in flight finish, with the database still open, before the app closes', async () => {
    const ctx = await createTestApp({ imports: [SlowModule], listen: true });
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const response = fetch(`${ctx.baseUrl}/__test/slow`).then(async (r) => ({
      status: r.status,
      body: await r.json(),
    }));
    await inside;
    const closing = ctx.close();
    await new Promise((r) => setTimeout(r, 100));
    release();
    expect(await response).toEqual({ status: 200, body: { name: 'La Serena' } });
    await closing;
    expect(ctx.dataSource.isInitialized).toBe(false);
  });
});
