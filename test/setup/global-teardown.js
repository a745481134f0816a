'use strict';
require('../../scripts/register.js');
const { dropTestTemplate } = require('../support/test-database.ts');

module.exports = async function globalTeardown() {
  await dropTestTemplate();
};
