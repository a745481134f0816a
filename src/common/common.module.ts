import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Clock } from './clock';
import { HttpDrain } from './http-drain';
import { StartupGate } from './startup-gate';
import { fromRoot } from '../config/paths';
import { ViewEngine } from './views/view-engine';

@Global()
@Module({
  providers: [
    Clock,
    HttpDrain,
    StartupGate,
    {
      provide: ViewEngine,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new ViewEngine({ viewsDir: fromRoot('views'), cache: config.env !== 'development' }),
    },
  ],
  exports: [Clock, ViewEngine, StartupGate],
})
export class CommonModule {}
