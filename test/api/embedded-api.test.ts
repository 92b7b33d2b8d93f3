import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { runApiSuite } from './api-suite.js';

runApiSuite('embedded', { open: () => EmbeddedStore.open({ dataDir: mkdtempSync(join(tmpdir(), 'innomatch-api-')) }) });
