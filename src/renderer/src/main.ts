// Boots the lab: Pinia, the trainer port listener (first, so the host's first port is not missed),
// then the app. web-main.ts imports this after installing the browser host.
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { TRAINER_PORT_KEY, useTrainerPort } from './composables/useTrainerPort'
import { useSessionFiles } from './composables/useSessionFiles'
import { useTrainingStore } from './stores/training'

const trainerPort = useTrainerPort(window)
const pinia = createPinia()
const app = createApp(App)
app.use(pinia)
app.provide(TRAINER_PORT_KEY, trainerPort)

const training = useTrainingStore(pinia)
training.attach(trainerPort, window.lab)
// Session files, autosave/recovery, file menu commands, drops (after the training store, which
// owns the run the session saves).
useSessionFiles(trainerPort)

app.mount('#app')
