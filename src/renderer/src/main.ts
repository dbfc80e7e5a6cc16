// Boots the lab: Pinia, the trainer port listener (first, so the host's first port is not missed),
// then the app. web-main.ts imports this after installing the browser host.
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { useTrainerPort } from './composables/useTrainerPort'
import { useTrainingStore } from './stores/training'

const trainerPort = useTrainerPort(window)
const pinia = createPinia()
const app = createApp(App)
app.use(pinia)

const training = useTrainingStore(pinia)
training.attach(trainerPort, window.lab)

app.mount('#app')
