import { useCallback, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import { familyMayExport } from '@mapboard/map-model'

/** Whether the chair lets the family and observers download the record, following the document as it changes. */
export function useFamilyMayExport(doc: Y.Doc): boolean {
  const subscribe = useCallback(
    (listener: () => void) => {
      const meta = doc.getMap('meta')
      const onChange = (event: Y.YMapEvent<unknown>): void => {
        if (event.keysChanged.has('familyMayExport')) listener()
      }
      meta.observe(onChange)
      return () => meta.unobserve(onChange)
    },
    [doc],
  )
  return useSyncExternalStore(subscribe, () => familyMayExport(doc))
}
