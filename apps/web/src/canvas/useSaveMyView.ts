import { useState } from 'react'
import type { RefObject } from 'react'
import type Konva from 'konva'
import { myViewFileName } from '../record/fileNames.ts'
import { saveFile } from '../record/saveFile.ts'
import { myViewPicture } from './myView.ts'

interface SaveMyViewOptions {
  stageRef: RefObject<Konva.Stage | null>
  /** The map's title, and who is saving: both are written on the picture. */
  title: string
  name: string
  onNotice?(message: string): void
  onError(message: string): void
}

/** "My view": this screen as a picture, stamped as this person's view and not the record. */
export function useSaveMyView({ stageRef, title, name, onNotice, onError }: SaveMyViewOptions): {
  savingView: boolean
  saveMyView(): Promise<void>
} {
  const [savingView, setSavingView] = useState(false)

  const saveMyView = async (): Promise<void> => {
    const stage = stageRef.current
    if (stage === null) return
    setSavingView(true)
    try {
      const at = new Date()
      const blob = await myViewPicture(stage, { title, name, at })
      saveFile(blob, myViewFileName(title, at))
      onNotice?.('Your view is saved as a picture. It shows your screen, not the record.')
    } catch {
      onError('Your view could not be saved as a picture just now.')
    } finally {
      setSavingView(false)
    }
  }

  return { savingView, saveMyView }
}
