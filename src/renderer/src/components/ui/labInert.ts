// Whether the lab behind an open drawer is inert (the Learn drawer sets it): App.vue marks its
// regions `inert`, so neither the pointer, Tab nor a screen reader reaches them until it closes.
// Drawers and dialogs that stay usable live outside those regions (teleported to <body>, or the
// dialogs App.vue mounts after them).
import { ref } from 'vue'

export const labInert = ref(false)
