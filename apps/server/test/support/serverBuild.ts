// Vitest global setup of the projects that start the server as a process (serverProcess.ts): they run the build,
// so it is made first whenever a source is newer than it.
import { ensureServerBuild } from '@mapboard/server/build'

export default async function setup(): Promise<void> {
  await ensureServerBuild()
}
