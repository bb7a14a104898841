// The behaviour every whole MapStore must have: the contract suite of each of its stores (contract/). An engine's
// test file calls `mapStoreContract` with a factory; an engine still being written can run the suites of the stores
// it has, one at a time (each needs a MapCatalog to make maps). The PostgreSQL store will run exactly these tests.
import type { MapStore } from '../../src/storage/MapStore.ts'
import { auditStoreContract } from './contract/auditStoreContract.ts'
import { clientIdStoreContract } from './contract/clientIdStoreContract.ts'
import { documentLogContract } from './contract/documentLogContract.ts'
import { exportStoreContract } from './contract/exportStoreContract.ts'
import { familyVisitStoreContract } from './contract/familyVisitStoreContract.ts'
import type { StoreHarness } from './contract/fixtures.ts'
import { linkStoreContract } from './contract/linkStoreContract.ts'
import { mapCatalogContract } from './contract/mapCatalogContract.ts'
import { mapErasureContract } from './contract/mapErasureContract.ts'
import { scalingStoreContract } from './contract/scalingStoreContract.ts'

export function mapStoreContract(name: string, open: () => Promise<StoreHarness<MapStore>>): void {
  mapCatalogContract(name, open)
  documentLogContract(name, open)
  linkStoreContract(name, open)
  clientIdStoreContract(name, open)
  scalingStoreContract(name, open)
  exportStoreContract(name, open)
  familyVisitStoreContract(name, open)
  mapErasureContract(name, open)
  auditStoreContract(name, open)
}
