// Whether the Sweep dialog is open (issue 15): the one flag the first screen holds for it (App.vue
// mounts the lazy dialog while it is true; the Compare panel's "Sweep…" and the Train menu's
// "Sweep…" set it).
import { ref } from 'vue'

export const sweepDialogOpen = ref(false)
