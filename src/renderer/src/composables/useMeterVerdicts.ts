// What the training meters say about the run right now: the latest epoch's meters, the
// gradient-flow and dead/saturated-unit verdicts (engine/meterVerdicts.ts: the rules) and the
// units to mark on the network diagram. Empty while the meters are off.
import { computed, type ComputedRef } from 'vue'
import { flowVerdict, unitsVerdict, type FlowVerdict } from '@shared/engine/meterVerdicts'
import type { EpochMeterRecord } from '@shared/protocol/trainerMessages'
import type { UnitMark } from '@renderer/figures/unitMarks'
import { useNetworkStore } from '../stores/network'
import { useTrainingStore } from '../stores/training'

export interface MeterVerdicts {
  latest: ComputedRef<EpochMeterRecord | null>
  flow: ComputedRef<FlowVerdict | null>
  units: ComputedRef<string | null>
  marks: ComputedRef<UnitMark[]>
}

export function useMeterVerdicts(): MeterVerdicts {
  const training = useTrainingStore()
  const network = useNetworkStore()
  const latest = computed<EpochMeterRecord | null>(() => {
    void training.meterVersion
    if (!training.metersWanted) return null
    const history = training.meterHistory
    const last = history[history.length - 1]
    // A record of another network (the run was just rebuilt) is not this one's.
    return last && last.weightGradNorm.length === network.spec.layerSizes.length - 1 ? last : null
  })
  const flow = computed(() => (latest.value ? flowVerdict(network.spec, latest.value) : null))
  const units = computed(() => (latest.value ? unitsVerdict(network.spec, latest.value) : null))
  const marks = computed<UnitMark[]>(() => {
    const m = latest.value
    if (!m) return []
    const out: UnitMark[] = []
    m.dead.forEach((units, h) => {
      for (const index of units) out.push({ column: h + 1, index, kind: 'dead' })
    })
    m.saturated.forEach((units, h) => {
      for (const index of units) out.push({ column: h + 1, index, kind: 'saturated' })
    })
    return out
  })
  return { latest, flow, units, marks }
}
