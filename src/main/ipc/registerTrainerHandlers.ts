// Trainer group: the renderer may ask for a fresh trainer (after a crash message, or to recover
// from a stuck run). The trainer itself is reached over its MessagePort, not through IPC.
import { INVOKE } from '../../shared/protocol/ipcChannels'
import { handleChecked, type GuardOptions, type IpcMainLike } from './guard'

export interface TrainerHandlerDeps {
  restartTrainer(): void
}

export function registerTrainerHandlers(
  ipc: IpcMainLike,
  guard: GuardOptions,
  deps: TrainerHandlerDeps
): void {
  handleChecked(ipc, guard, INVOKE.restartTrainer, () => {
    deps.restartTrainer()
  })
}
