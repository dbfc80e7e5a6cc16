// Every limit of a run, in one place. The engine's validators, the trainer's message schemas, the
// session format, the `nn-lab` command (and its --help) and the lab's fields all read these, so a
// run one of them accepts, the others accept too: a file `nn-lab train` writes opens in the app.
// A UI may offer a narrower range for comfort (a slider's travel) and says so where it does.

// ---- data ----
/** Fewest points a generator makes (a train/test split still leaves points on both sides). */
export const MIN_SAMPLES = 4
/** Most points a generator makes. */
export const MAX_SAMPLES = 100_000
/** Most points an imported CSV may have (issue 6: a 1,000,000-row import, with room to spare).
 *  Also the most a run or a session holds, train and test together. */
export const MAX_CSV_POINTS = 2_000_000
/** Largest noise level a generator takes (0 = the clean shape). */
export const MAX_NOISE = 5
/** Fewest classes a dataset has. */
export const MIN_CLASSES = 2
/** Most classes a dataset may have (spiral arms, CSV labels 0 … MAX_CLASSES − 1). */
export const MAX_CLASSES = 8
/** The test fraction is at least 0 and strictly below this (at least one point must train). */
export const TEST_FRACTION_BELOW = 1
/** Seeds are NumPy's: whole numbers 0 ≤ seed < 2³². */
export const MAX_SEED = 0xffffffff

// ---- network ----
/** Widest layer: keeps boundary maps and memory reasonable on a laptop. */
export const MAX_LAYER_SIZE = 1024
export const MAX_HIDDEN_LAYERS = 8
/** Layers in total: input, the hidden layers and output. */
export const MAX_LAYERS = MAX_HIDDEN_LAYERS + 2

// ---- training ----
/** Learning rates are above 0 and at most this (far past where every network diverges). */
export const MAX_LEARNING_RATE = 100
/** Most epochs a run may be asked to train, and so the longest history a run (and its session
 *  file) holds: one loss/accuracy record per epoch. */
export const MAX_EPOCHS = 5_000_000
/** Largest mini-batch (a batch never holds more points than a run has). */
export const MAX_BATCH_SIZE = MAX_CSV_POINTS
/** Largest L1 or L2 penalty rate (0 = off). */
export const MAX_PENALTY_RATE = 1000
/** Momentum, Adam's β1 and β2 are at least 0 and strictly below this. */
export const DECAY_BELOW = 1
/** Adam's ε is above 0 and at most this. */
export const MAX_EPSILON = 1
/** The most memory one training step may hold for its activations and deltas (z, a and δ per
 *  neuron and row, float64). Past this a full batch over a big import would exhaust the trainer
 *  (WebAssembly memory tops out at 4 GiB) instead of training. */
export const MAX_BATCH_BYTES = 1024 ** 3

// ---- views ----
/** Most rows of x, z, a and delta a step-through trace sent to the lab holds (the gradients
 *  always cover the whole batch): enough to scroll through, bounded for big imports. */
export const MAX_TRACE_ROWS = 1000

/** The slowest and the fastest paced training (epochs per second; the trainer's `set-pace`).
 *  Without a pace the trainer runs as fast as it can. */
export const MIN_EPOCHS_PER_SECOND = 0.5
export const MAX_EPOCHS_PER_SECOND = 1000

// ---- learning-rate schedules (schedules.ts) ----
/** A step or exponential schedule's factor is above 0 and at most this (they only decay). */
export const MAX_SCHEDULE_FACTOR = 1
/** A step schedule's interval and a cosine schedule's length are 1 … this many epochs. */
export const MAX_SCHEDULE_EPOCHS = MAX_EPOCHS

// ---- editing a weight (the trainer's set-parameter) ----
/** A weight or bias the learner types is a number from −this to this. */
export const MAX_EDITED_PARAMETER = 1000

// ---- dropout ----
/** A hidden layer's dropout rate is at least 0 and strictly below this (0 = off). */
export const DROPOUT_BELOW = 1

// ---- sweeps (src/shared/sweep: `nn-lab sweep` and the app's Sweep view) ----
/** Most combinations one sweep trains. */
export const MAX_SWEEP_RUNS = 1000
/** Most worker threads one sweep uses (a sweep gains nothing past the cores). */
export const MAX_SWEEP_JOBS = 64
/** Most values one setting of an app sweep takes (the heat map's rows or columns). */
export const MAX_SWEEP_VALUES = 8
/** Most settings one app sweep varies (the heat map's two axes). */
export const MAX_SWEEP_SETTINGS = 2
/** Most threads the app's sweeps use, whatever the machine reports (each holds a run). */
export const MAX_APP_SWEEP_THREADS = 8
