import { MemoryMapStore } from '../../src/storage/MemoryMapStore.ts'
import { mapStoreContract } from './mapStoreContract.ts'

mapStoreContract('MemoryMapStore', async () => {
  const harness = {
    store: new MemoryMapStore(),
    async reopen() {
      harness.store = harness.store.reopen()
      return harness.store
    },
    async dispose() {
      await harness.store.close()
    },
  }
  return harness
})
