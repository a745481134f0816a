const t0 = Date.now();
const log = (m) => process.stderr.write(`${Date.now() - t0}ms ${m}\n`);
require('reflect-metadata');
const { loadConfig } = require('/work/main/dist/config/app-config');
const { EmbeddedDatabase } = require('/work/main/dist/database/embedded-database');
(async () => {
  const config = loadConfig({ DATA_DIR: '/tmp/bd', LOG_LEVEL: 'error', PORT: '3304' });
  log('config');
  const db = EmbeddedDatabase.start({ dataDir: '/tmp/bd' }).then((d) => { log('pglite open'); return d; });
  const { NestFactory } = require('@nestjs/core'); log('nest core');
  const { AppModule } = require('/work/main/dist/app.module'); log('app module');
  const { APP_OPTIONS, configureApp } = require('/work/main/dist/app.setup'); log('setup');
  await db;
  const app = await NestFactory.create(AppModule.forRoot(config), { ...APP_OPTIONS, logger: false }); log('created');
  configureApp(app); log('configured');
  await app.init(); log('init (bootstrap hooks)');
  await app.listen(3304, '127.0.0.1'); log('listening');
  await app.close(); log('closed');
})();
