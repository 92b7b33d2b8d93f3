#!/usr/bin/env node
import { runCli } from './main.js';
import { processIo, reportError } from './output.js';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.exitCode = reportError(processIo, e);
  },
);
