// Boots the lab: Pinia, the trainer port listener (first, so the host's first port is not missed)
// and the one trainer client every store talks through, then the app. web-main.ts imports this
// after installing the browser host.
import { createApp, watch } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { useTrainerPort } from './composables/useTrainerPort'
import { createTrainerClient, TRAINER_CLIENT_KEY } from './composables/trainerClient'
import { useSessionFiles } from './composables/useSessionFiles'
import { useTrainingStore } from './stores/training'
import { START_MARKS } from './startMarks'

// The browser host's trainer is a Web Worker in this process: commands' arrays can move to it.
const trainer = createTrainerClient(
  useTrainerPort(window, { movesBuffers: window.lab?.host === 'web' })
)
const pinia = createPinia()
const app = createApp(App)
app.use(pinia)
app.provide(TRAINER_CLIENT_KEY, trainer)

const training = useTrainingStore(pinia)
training.attach(trainer, window.lab)
// Session files, autosave/recovery, file menu commands, drops (after the training store, which
// owns the run the session saves).
useSessionFiles(trainer)

// The browser host asks for a moment first: its trainer worker gets its first messages (and the
// first run's configure, sent as the port came) only while this thread is free, and mounting
// takes a while (everything above only listens). The worker builds the run while the app mounts.
const mount = (): void => {
  app.mount('#app')
  performance.mark(START_MARKS.mounted)
}
const trainerListening = window.lab?.whenTrainerListening?.()
if (trainerListening) void trainerListening.then(mount)
else mount()

// The lab is usable once the trainer has built the first run and the page shows Train enabled
// (flush 'post': after that DOM update): the start-up figure of the e2e perf report.
const stopWatchingReady = watch(
  () => training.canTrain,
  (ready) => {
    if (!ready) return
    performance.mark(START_MARKS.trainerReady)
    stopWatchingReady()
  },
  { flush: 'post' }
)
