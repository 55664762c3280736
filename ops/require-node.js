#!/usr/bin/env node
// Runs before `npm start`, `npm test` and the other entry points (package.json "pre" scripts): on a Node.js older
// than package.json's "engines" says, one plain line saying what is needed and how to get it, and exit 1, instead
// of a stack trace from a dependency. Plain JavaScript that any Node.js can parse.
'use strict';
const { engines } = require('../package.json');
const minimumMajor = Number(/(\d+)/.exec(engines.node)[1]);
const current = process.versions.node;
if (Number(current.split('.')[0]) < minimumMajor) {
  console.error(
    `This bot needs Node.js ${minimumMajor} or later (24 LTS recommended); this is Node.js ${current}. ` +
      'Install Node.js 24 LTS from https://nodejs.org/ (or `nvm install 24`, which reads .nvmrc), then run the command again.',
  );
  process.exit(1);
}
