import { ENTITIES } from './schema';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { fromRoot } from './config/paths';
import { ConfigValidationError, loadConfig } from './config/app-config';
import { openCliDataSource } from './database/cli-data-source';
import { writeMigration } from './database/migration-generator';
import { pendingSchemaChanges, runMigrations } from './database/migration-runner';
import { DemoLoader } from './startup/demo.loader';
import { UsersService } from './auth/users.service';
import { MailService } from './mail/mail.service';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { OutboxWorker } from './mail/outbox.worker';
import { MinutesChain } from './meetings/minutes-chain.service';
import { EvidenceImport } from './tables/evidence-import';

const USAGE = `Uso: npm run cli -- <comando>

  db:migrate            aplica las migraciones pendientes
  db:generate <Nombre>  crea una migración con los cambios de las entidades (revísela antes de confirmarla)
  db:check              falla si las entidades y las migraciones no coinciden
  demo:load             carga (o vuelve a cargar) los datos de demostración
  admin:create          crea (o asegura) un administrador; pregunta correo, nombre y contraseña
  mail:test <correo>    pone en cola un correo de prueba (se envía con SMTP_URL; si no, queda en /admin/outbox)
  minutes:verify [id]   verifica la cadena de actas aprobadas de una organización (o de todas): recalcula cada
                        hash y sigue los enlaces; termina con código 1 si alguna acta cambió
  evidence:import [dir]  copia a la base de datos los archivos de respaldo que las versiones anteriores guardaban
                        en EVIDENCE_DIR (o en dir); se puede repetir; código 1 si falta o no coincide alguno

Sin DATABASE_URL usa la base integrada en DATA_DIR (./data); el portal no debe estar corriendo.
db:generate y db:check sin DATABASE_URL comparan contra una base integrada temporal.`;

/** Asks questions on the terminal (or reads answers piped on standard input); secret answers are not echoed. */
async function ask(questions: { key: string; question: string; secret?: boolean }[]): Promise<Record<string, string>> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  const answers: Record<string, string> = {};
  const lines = rl[Symbol.asyncIterator]();
  for (const q of questions) {
    process.stdout.write(q.question);
    const muted = q.secret && process.stdin.isTTY;
    const write = (rl as unknown as { _writeToOutput?: (s: string) => void })._writeToOutput;
    if (muted) (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
    const next = await lines.next();
    if (muted && write) {
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = write;
      process.stdout.write('\n');
    }
    answers[q.key] = next.done ? '' : String(next.value).trim();
  }
  rl.close();
  return answers;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const config = loadConfig();
  switch (command) {
    case 'db:migrate': {
      const db = await openCliDataSource(config, ENTITIES);
      try {
        const applied = await runMigrations(db.dataSource, db.embedded);
        console.log(
          applied.length ? `Migraciones aplicadas:\n  ${applied.join('\n  ')}` : 'No hay migraciones pendientes.',
        );
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'db:generate':
    case 'db:check': {
      const name = args[0];
      if (command === 'db:generate' && !name) {
        console.error('Falta el nombre: npm run db:generate -- AddMeetings');
        return 2;
      }
      const db = await openCliDataSource(config, ENTITIES, { scratch: true });
      try {
        await runMigrations(db.dataSource, db.embedded);
        const { up, down } = await pendingSchemaChanges(db.dataSource);
        if (command === 'db:check') {
          if (up.length === 0) {
            console.log('Esquema al día: las entidades y las migraciones coinciden.');
            return 0;
          }
          console.error(
            `Las entidades no coinciden con las migraciones. Falta una migración con:\n  ${up.join(';\n  ')};`,
          );
          console.error('Créela con: npm run db:generate -- NombreDelCambio');
          return 1;
        }
        if (up.length === 0) {
          console.log('No hay cambios: no se creó ninguna migración.');
          return 0;
        }
        const file = writeMigration(fromRoot('src', 'database', 'migrations'), name, up, down);
        console.log(`Migración creada: ${file}\nRevísela y confirme el archivo junto con migrations/index.ts.`);
        return 0;
      } finally {
        await db.close();
      }
    }
    case 'demo:load': {
      const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, demo: false }), {
        logger: ['error', 'warn'],
      });
      try {
        await app.init();
        await app.get(DemoLoader).load();
        console.log('Datos de demostración cargados.');
      } finally {
        await app.close();
      }
      return 0;
    }
    case 'admin:create': {
      const answers = await ask([
        { key: 'email', question: 'Correo del administrador: ' },
        { key: 'name', question: 'Nombre: ' },
        { key: 'password', question: 'Contraseña (8 a 256 caracteres): ', secret: true },
      ]);
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(answers.email)) {
        console.error('El correo no es válido.');
        return 2;
      }
      const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, demo: false }), {
        logger: ['error', 'warn'],
      });
      try {
        await app.init();
        const { created } = await app
          .get(UsersService)
          .ensureAdmin(answers.email.toLowerCase(), answers.password, answers.name || 'Administración');
        console.log(
          created
            ? `Administrador ${answers.email} creado.`
            : `${answers.email} ya existía: ahora tiene el rol de administrador (su contraseña no cambió).`,
        );
      } finally {
        await app.close();
      }
      return 0;
    }
    case 'minutes:verify': {
      const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, demo: false }), {
        logger: ['error', 'warn'],
      });
      try {
        await app.init();
        const chain = app.get(MinutesChain);
        if (args[0] && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(args[0])) {
          console.error(`«${args[0]}» no es el identificador de una organización (un UUID).`);
          return 2;
        }
        const targets = args[0] ? [{ id: args[0], name: args[0] }] : await chain.associationsWithActas();
        if (!targets.length) console.log('No hay actas aprobadas.');
        let broken = 0;
        for (const t of targets) {
          const result = await chain.verifyChain(t.id);
          if (result.ok)
            console.log(
              `${t.name}: ${result.checked} ${result.checked === 1 ? 'acta aprobada' : 'actas aprobadas'}, cadena íntegra.`,
            );
          else {
            broken++;
            console.error(`${t.name}: CADENA ROTA (${result.checked} actas revisadas)`);
            for (const p of result.problems) console.error(`  acta N° ${p.number}: ${p.problem}`);
          }
        }
        return broken ? 1 : 0;
      } finally {
        await app.close();
      }
    }
    case 'evidence:import': {
      // Issue 21 item 5: evidence files from EVIDENCE_DIR into the database (idempotent)
      const dir = args[0] ? path.resolve(args[0]) : config.evidence.dir;
      const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, demo: false }), {
        logger: ['error', 'warn'],
      });
      try {
        await app.init();
        const result = await app.get(EvidenceImport).run(dir);
        console.log(
          `Archivos de respaldo desde ${dir}: ${result.imported} copiados a la base de datos, ${result.present} ya estaban en ella.`,
        );
        for (const key of result.missing) console.error(`  falta el archivo ${key} (su registro queda sin archivo)`);
        for (const key of result.mismatched)
          console.error(`  ${key}: su contenido no coincide con el SHA-256 registrado; no se copió`);
        return result.missing.length || result.mismatched.length ? 1 : 0;
      } finally {
        await app.close();
      }
    }
    case 'mail:test': {
      const address = args[0];
      if (!address) {
        console.error('Falta la dirección: npm run cli -- mail:test persona@ejemplo.cl');
        return 2;
      }
      const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, demo: false }), {
        logger: ['error', 'warn'],
      });
      try {
        await app.init();
        await app.get(MailService).enqueue(
          {
            template: 'test-notice',
            to: { address },
            context: {
              organisation: 'Quórum',
              note: `Enviado el ${new Date().toISOString()} desde ${config.publicUrl}`,
            },
            dedupeKey: `test-notice:${address}:${Date.now()}`,
          },
          app.get(DataSource).manager,
        );
        const worker = app.get(OutboxWorker);
        if (worker.enabled) {
          const result = await worker.runOnce();
          console.log(
            result.sent
              ? `Correo enviado a ${address}.`
              : `No se pudo enviar; quedó en cola para reintentar (vea /admin/outbox).`,
          );
        } else {
          console.log('Sin SMTP_URL: el correo quedó entre los correos por enviar (/admin/outbox).');
        }
      } finally {
        await app.close();
      }
      return 0;
    }
    default:
      console.log(USAGE);
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    if (err instanceof ConfigValidationError) console.error(err.message);
    else console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  });
