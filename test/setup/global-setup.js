'use strict';
// Builds the migrated template every test database is copied from, once per Jest run:
//  - DATABASE_URL set: a template database on that PostgreSQL server (CREATE DATABASE x TEMPLATE t per file);
//  - otherwise: a PGlite snapshot (dumpDataDir) in the temp directory, loaded into a new instance per file.
require('../../scripts/register.js');
const { buildTestTemplate } = require('../support/test-database.ts');

module.exports = async function globalSetup() {
  process.env.TZ = 'UTC';
  const info = await buildTestTemplate(process.env.DATABASE_URL);
  for (const [key, value] of Object.entries(info)) process.env[key] = value;
};
