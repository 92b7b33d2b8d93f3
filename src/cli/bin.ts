#!/usr/bin/env node
import { commandIn, runCli } from './main.js';
import { processIo, reportError } from './output.js';
import { exitEarlyOnSignals, exitQuietlyOnClosedOutput } from './shutdown.js';

const argv = process.argv.slice(2);
exitQuietlyOnClosedOutput();
// `serve` and `demo` stop gracefully on a signal themselves (finishing requests, status 0)
const command = commandIn(argv);
if (command !== 'serve' && command !== 'demo') exitEarlyOnSignals();

runCli(argv).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.exitCode = reportError(processIo, e);
  },
);
