import type { ModuleRef } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/access/actor';
import type { Clock } from '../common/clock';
import type { SeededUser } from '../auth/user-seeds.service';

/** What the demo loader hands the events' demo loaders (src/startup/demo.loader.ts). */
export interface EventsDemoDeps {
  manager: EntityManager;
  /** the portal's modules, to get the events' services (`modules.get(Service, { strict: false })`) */
  modules: ModuleRef;
  clock: Clock;
  admin: Actor;
  /** the demo user's id by e-mail (the accounts of DEMO_ACCOUNTS and of the programs' officers) */
  userIds: Map<string, string>;
  actorFor: (userId: string) => Promise<Actor | null>;
  /** the demo programs (issue 17): Barrios Comerciales of Coquimbo and Melipilla's business centre */
  programs: { barrios: string; melipilla: string } | null;
  /** creates a demo login once (the password is the demo's); answers whether it was created now */
  ensureDemoUser: (user: Omit<SeededUser, 'password'>) => Promise<{ id: string; created: boolean }>;
}

/** A demo login the events' loaders created, printed once with the others. */
export interface EventsDemoAccount {
  role: string;
  email: string;
  name: string;
}
