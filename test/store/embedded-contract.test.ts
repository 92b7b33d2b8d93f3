import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { runGraphStoreContract } from './contract.js';

const dataDir = mkdtempSync(join(tmpdir(), 'innomatch-contract-'));

runGraphStoreContract('embedded', {
  open: () => EmbeddedStore.open({ dataDir, compactAfterSegments: 5 }),
  reopen: async (store) => {
    await store.close();
    return EmbeddedStore.open({ dataDir, compactAfterSegments: 5 });
  },
});
