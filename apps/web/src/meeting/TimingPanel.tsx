import type { ConferenceSchedule, LateInformation, ReportsPolicy } from '@mapboard/map-model'
import type { Permissions } from '../board/Permissions.ts'
import { NewInformationList } from '../newInformation/NewInformationList.tsx'
import { ScheduleForm } from '../newInformation/ScheduleForm.tsx'
import { scheduleLine } from '../newInformation/informationText.ts'

/**
 * The meeting panel's "Timing" tab: when the conference is and when reports were due; for the chair, the form to
 * set them and the list of what was shared late or is new.
 */
export function TimingPanel({
  schedule,
  policy,
  information,
  permissions,
  onSetSchedule,
}: {
  schedule: ConferenceSchedule | null
  policy: ReportsPolicy
  information: LateInformation
  permissions: Permissions
  onSetSchedule(schedule: ConferenceSchedule): boolean
}) {
  return (
    <div className="timing-panel">
      <p className="timing-summary" data-testid="timing-summary">
        {schedule === null
          ? 'The conference’s date and time are not set yet.'
          : scheduleLine(schedule, policy)}
      </p>
      {permissions.canRunMeeting && (
        <>
          <ScheduleForm schedule={schedule} onSave={onSetSchedule} />
          <NewInformationList information={information} schedule={schedule} headingLevel={3} />
        </>
      )}
    </div>
  )
}
