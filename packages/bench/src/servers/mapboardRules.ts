// Which permission rules "checks on" means for the Mapboard server under test: on is the server's default
// (map-model's rules through rooms/permissionRules.ts); off is `rules: false`, every writer's update applied
// unchecked (the structural check of each update, checkUpdate, stays).
import type { BuildAppOptions } from '@mapboard/server'

export function mapboardRules(checks: boolean): Pick<BuildAppOptions, 'rules'> {
  return checks ? {} : { rules: false }
}
