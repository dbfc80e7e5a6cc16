// Sizes beyond which a session file is treated as absurd (damaged or hostile) rather than
// allocated. They sit well above anything the lab can produce, so a real session never hits them.

/** Layers in a network, input and output included (the engine itself allows at most 10). */
export const MAX_LAYERS = 16
/** Neurons in one layer. */
export const MAX_NEURONS = 1024
/** Points in a session, train and test together. */
export const MAX_POINTS = 2_000_000
/** Classes (spiral arms or distinct CSV labels). */
export const MAX_CLASSES = 64
/** Epochs a session may claim to have trained. */
export const MAX_EPOCHS = 1_000_000_000
/** Entries in the loss/accuracy history. */
export const MAX_HISTORY = 5_000_000
/** Characters in a whole session file (the largest legal file is far below this). */
export const MAX_FILE_CHARS = 400_000_000
export const MAX_NAME_CHARS = 1000
export const MAX_NOTE_CHARS = 100_000
