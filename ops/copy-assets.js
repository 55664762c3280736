#!/usr/bin/env node
// Part of `npm run build`: copies the files the compiled code reads at run time (data/*.json, the web page in
// web/public, any other non-TypeScript file in the runtime folders) next to it in dist/, so dist/ runs on its own.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'dist');
const RUNTIME_FOLDERS = ['bots', 'dialogs', 'machines', 'data', 'server', 'web'];
const SKIP = /\.(ts|md)$/;

if (process.argv.includes('--clean')) {
  fs.rmSync(out, { recursive: true, force: true });
  process.exit(0);
}

let copied = 0;
function copyTree(relative) {
  const source = path.join(root, relative);
  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) copyTree(child);
    else if (entry.isFile() && !SKIP.test(entry.name)) {
      fs.mkdirSync(path.join(out, relative), { recursive: true });
      fs.copyFileSync(path.join(root, child), path.join(out, child));
      copied++;
    }
  }
}
for (const folder of RUNTIME_FOLDERS) if (fs.existsSync(path.join(root, folder))) copyTree(folder);
console.log(`copied ${copied} files into dist/`);
