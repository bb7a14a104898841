import { useEffect, useState } from 'react'
import type { RefObject } from 'react'
import type { SectionBox } from '@mapboard/map-model'
import type { Camera } from './Camera.ts'
import { sectionInView } from './openingView.ts'
import type { Size } from './useCameraStage.ts'

/**
 * The index of the section the view shows most of, kept as the camera moves. Only the component that uses it
 * re-renders, and only when the section changes, not for every frame of a pan.
 */
export function useSectionInView(
  camera: Camera,
  sections: readonly SectionBox[],
  sizeRef: RefObject<Size>,
): number {
  const [index, setIndex] = useState(0)
  useEffect(() => {
    const update = (): void => {
      const { width, height } = sizeRef.current
      if (width > 0 && height > 0) setIndex(sectionInView(sections, camera.visibleRect(width, height)))
    }
    update()
    return camera.subscribe(update)
  }, [camera, sections, sizeRef])
  return index
}
