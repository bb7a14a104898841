import type { RefObject } from 'react'
import type { SectionBox } from '@mapboard/map-model'
import type { Camera } from './Camera.ts'
import type { Size } from './useCameraStage.ts'
import { useSectionInView } from './useSectionInView.ts'

interface SectionStepperProps {
  /** The map's sections in reading order (layout.sections). */
  sections: readonly SectionBox[]
  camera: Camera
  sizeRef: RefObject<Size>
  /** Show section `index` at a readable zoom. */
  onShow(index: number): void
}

/**
 * On a phone, where the board shows one section at a time: the previous and next sections by name, one tap
 * each, and which section this is ("2 of 7"), told to screen readers as it changes.
 */
export function SectionStepper({ sections, camera, sizeRef, onShow }: SectionStepperProps) {
  const current = useSectionInView(camera, sections, sizeRef)
  const previous = sections[current - 1]
  const next = sections[current + 1]
  const here = sections[current]
  return (
    <nav className="section-stepper" aria-label="Sections" data-testid="section-stepper">
      <button
        type="button"
        className="section-step section-step-previous"
        disabled={previous === undefined}
        onClick={() => onShow(current - 1)}
        data-testid="section-previous"
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M15 5l-7 7 7 7" />
        </svg>
        <span className="section-step-text">
          <span className="visually-hidden">Previous section{previous ? ': ' : ''}</span>
          {previous?.label}
        </span>
      </button>
      <p className="section-step-where" role="status" data-testid="section-current">
        <span className="visually-hidden">{here ? `${here.label}, section ` : 'Section '}</span>
        {current + 1} of {sections.length}
      </p>
      <button
        type="button"
        className="section-step section-step-next"
        disabled={next === undefined}
        onClick={() => onShow(current + 1)}
        data-testid="section-next"
      >
        <span className="section-step-text">
          <span className="visually-hidden">Next section{next ? ': ' : ''}</span>
          {next?.label}
        </span>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M9 5l7 7-7 7" />
        </svg>
      </button>
    </nav>
  )
}
