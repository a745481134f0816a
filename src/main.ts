import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigValidationError, loadConfig } from './config/app-config';
import { EmbeddedDatabase } from './database/embedded-database';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigValidationError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  // The embedded database opens while the rest of the application loads (see EmbeddedDatabase.prestart).
  if (config.database.kind === 'embedded') {
    EmbeddedDatabase.prestart({ dataDir: config.database.dataDir });
    // Let it read its files and hand the WebAssembly to the compiler threads before the loading blocks.
    await new Promise((resolve) => setTimeout(resolve, 60));
  }
  const [
    { NestFactory },
    { AppModule },
    { APP_OPTIONS, configureApp },
    { StartupService },
    { installGracefulShutdown },
  ] = await Promise.all([
    import('@nestjs/core'),
    import('./app.module'),
    import('./app.setup'),
    import('./startup/startup.service'),
    import('./shutdown'),
  ]);
  const { EvidenceImport } = await import('./tables/evidence-import');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    ...APP_OPTIONS,
    abortOnError: false,
  });
  configureApp(app);
  installGracefulShutdown(app, config.shutdownTimeoutMs);
  await app.listen(config.port, config.host);
  // evidence kept on disk by a version before issue 21 and not imported yet: said in the log (a database away now is
  // not start-up's failure)
  void app
    .get(EvidenceImport)
    .warnIfNotImported()
    .catch(() => undefined);

  const startup = app.get(StartupService).report;
  const where =
    config.database.kind === 'embedded' ? `base de datos integrada en ${config.database.dataDir}` : 'PostgreSQL';
  process.stdout.write(
    [
      '',
      `  Quórum está listo en ${config.publicUrl}`,
      `  (${where}${startup.demoLoaded ? ', con datos de demostración' : ''})`,
      ...(startup.demoAccounts.length
        ? [
            '',
            '  Cuentas de demostración (solo para probar; esta lista se muestra una sola vez):',
            ...demoAccountLines(startup.demoAccounts),
          ]
        : []),
      ...(startup.adminCreated ? ['', `  Se creó el administrador ${config.admin?.email} (ADMIN_EMAIL).`] : []),
      '',
      '',
    ].join('\n'),
  );
}

bootstrap().catch((err: unknown) => {
  process.stderr.write(
    `No se pudo iniciar Quórum: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});

/** The demo logins as an aligned table (role, e-mail, password). */
function demoAccountLines(accounts: { role: string; email: string; password: string }[]): string[] {
  const roleWidth = Math.max(...accounts.map((a) => a.role.length));
  const emailWidth = Math.max(...accounts.map((a) => a.email.length));
  return accounts.map((a) => `    ${a.role.padEnd(roleWidth)}  ${a.email.padEnd(emailWidth)}  ${a.password}`);
}
