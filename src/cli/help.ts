// The text `nn-lab --help` and `nn-lab <command> --help` print. Every range is the engine's own
// limit (engine/limits.ts), so the help says exactly what the command and the app accept.
import {
  MAX_BATCH_SIZE,
  MAX_CLASSES,
  MAX_CSV_POINTS,
  MAX_EPOCHS,
  MAX_HIDDEN_LAYERS,
  MAX_LAYER_SIZE,
  MAX_LEARNING_RATE,
  MAX_NOISE,
  MAX_SAMPLES,
  MAX_SEED,
  MIN_SAMPLES,
  DECAY_BELOW,
  DROPOUT_BELOW,
  MAX_EPSILON,
  MAX_PENALTY_RATE,
  MAX_SCHEDULE_EPOCHS,
  MAX_SCHEDULE_FACTOR
} from '../shared/engine/limits'
import { LR_SCHEDULES, scheduleSpelling } from '../shared/engine/schedules'
import { FEATURES } from '../shared/engine/features'
import { ACTIVATIONS, GENERATED_DATASETS, INITS, OPTIMIZERS } from '../shared/engine/types'

/** A choice's names as --help lists them, in the engine registry's order. */
const choices = (names: readonly string[]): string => names.join(' | ')

export const GENERAL_HELP = `nn-lab: train and use NN Lab networks from the command line (same engine as the app).

Usage:
  nn-lab train [options]                      train a network (defaults: the notebook's run)
  nn-lab sweep --lr A,B --layers X:Y [options] train every combination (one JSON row each)
  nn-lab predict SESSION --data FILE.csv [--json]
  nn-lab eval SESSION [--data FILE.csv] [--json]
  nn-lab export numpy|notebook|torch|weights|data|history SESSION [--out FILE]
  nn-lab trace [SESSION | train options] [--epoch N] [--sample I] [--json]
  nn-lab check CHALLENGE SESSION... [--json]   whether each session meets a challenge's goal
  nn-lab <command> --help                     options of one command

Bad input prints one line on stderr and exits with code 2.
`

export const COMMAND_HELP: Record<string, string> = {
  train: `nn-lab train [options]

Trains a network and prints the notebook's log (or one JSON object with --json).
Every option defaults to the notebook's run: seed 42, circles 400 / 0.15, 2,16,8,1, He, ReLU,
SGD lr 0.1, full batch, 2000 epochs, a line every 200 epochs.

  --preset seed-notebook     start from the notebook's run (the default)
  --dataset KIND             ${choices(GENERATED_DATASETS)}
  --data FILE.csv            train on a CSV file's points instead (up to ${MAX_CSV_POINTS} rows,
                             ${MAX_CLASSES} classes). Found by itself: the delimiter (, ; tab
                             spaces), decimal commas, a header, a BOM, quoted values, an index
                             or id column; label = the column named label/class/target/y/species,
                             else the last; inputs = the first two numeric columns. Any labels
                             (names, -1/+1, 1/2, yes/no, True/False) become classes sorted as
                             np.unique does; rows with a missing value are left out; a split
                             column (train/test, as export data writes) keeps its split
  --x-columns A,B            the two input columns of --data (names or 1-based numbers)
  --label-column C           the label column of --data
  --target-column C          a real-valued target column of --data (a regression run)
  --problem P                classification or regression (default: from the dataset, or from
                             the --data label column: real numbers are a regression target)
  --delimiter D              the --data delimiter: , ; | tab spaces (quote ; in the shell)
  --standardize              standardise the inputs (z-score): the mean and population standard
                             deviation (ddof=0) of the training points, not the test points,
                             become part of the model (predict, eval and every export apply
                             them; a constant column is only centred); --json adds standardize
  --samples N                points to generate (${MIN_SAMPLES} to ${MAX_SAMPLES})
  --noise X                  noise level (0 to ${MAX_NOISE})
  --test-fraction F          hold out this fraction as test points (0 ≤ F < 1; default 0, or
                             the --data file's own split)
  --layers 2,16,8,1          neurons per layer; last 1 = sigmoid, k > 1 = softmax over k classes
                             (up to ${MAX_HIDDEN_LAYERS} hidden layers of 1 to ${MAX_LAYER_SIZE} neurons)
  --activation NAME[,NAME…]  ${choices(ACTIVATIONS)} (one, or one per hidden layer)
  --init NAME                ${choices(INITS)}
  --optimizer NAME           ${choices(OPTIMIZERS)}
  --lr X                     learning rate (above 0, at most ${MAX_LEARNING_RATE})
  --epochs N                 epochs to train (1 to ${MAX_EPOCHS})
  --batch full|N             full batch or mini-batches of N, 1 to ${MAX_BATCH_SIZE} (shuffled each epoch)
  --lr-schedule S            ${LR_SCHEDULES.map(scheduleSpelling).join(' | ')}: ×F every K
                             epochs, ×G each epoch, or lr → LRMIN over T epochs (F, G above 0,
                             at most ${MAX_SCHEDULE_FACTOR}; K, T 1 to ${MAX_SCHEDULE_EPOCHS})
  --momentum X               momentum's μ (0 ≤ X < ${DECAY_BELOW}; default 0.9)
  --beta1 X, --beta2 X       Adam's β1, β2 (0 ≤ X < ${DECAY_BELOW}; defaults 0.9, 0.999)
  --epsilon X                Adam's ε (above 0, at most ${MAX_EPSILON}; default 1e-8)
  --l1 X, --l2 X             L1 / L2 penalty on the weights (0 to ${MAX_PENALTY_RATE}; default 0)
  --dropout P[,P…]           inverted dropout while training, one rate or one per hidden layer
                             (0 ≤ P < ${DROPOUT_BELOW}; default 0: off; masks from the run's seed)
  --features F[,F…]          input features: ${choices(FEATURES)}
                             (default x1,x2); the first entry of --layers is then their count
  --seed N                   the run's random seed (0 to ${MAX_SEED})
  --log-every N              print a line every N epochs (1 to ${MAX_EPOCHS})
  --early-stop N             stop when the test loss has not improved for N epochs and keep the
                             best epoch's weights (needs --test-fraction); --json adds stoppedAt
                             (null: it reached --epochs) and bestEpoch
  --out SESSION.nnlab        save the trained session (written atomically)
  --json                     print one JSON object: layers, epochs, lossHistory, finalLoss,
                             finalAccuracy, trainSeconds, and every setting above (optimizer,
                             l1, l2, lrSchedule, finalLearningRate, dropout, features,
                             standardize: {mean, scale, fittedOn, points} or null), …;
                             with --data also columns (x, label), classNames, droppedRows and
                             the format read; with --early-stop also stoppedAt and bestEpoch;
                             and per epoch the training meters: gradientNorms (per layer
                             [‖dW‖, ‖db‖], the gradient the update used, L1/L2 included),
                             updateRatios (‖ΔW‖/‖W‖), outputErrorRms, deadUnits and
                             saturatedUnits (per hidden layer)
`,
  predict: `nn-lab predict SESSION --data FILE.csv [--json]

Prints the model's probabilities for the points in FILE.csv (x1,x2 rows; label and split
columns are ignored): P(class 1) per point for a sigmoid model, one probability per class for softmax.
With --json: {"probabilities": [...]}.
`,
  eval: `nn-lab eval SESSION [--data FILE.csv] [--json]

Prints the loss and accuracy of the saved model on its training points (and test points), or on
the labelled points of FILE.csv (read as train --data reads it; --x-columns, --label-column and
--delimiter apply; labels are matched to the session's class names when it has them).
`,
  trace: `nn-lab trace [SESSION | train options] [--epoch N] [--sample I] [--json]

Shows one epoch's step through the network, computed by the training step itself: the loss
before the update and, per layer, W, b, z = a·W + b, a = f(z), delta (dL/dz), dW = aᵀ·delta / m,
db, and W and b after the optimizer's update. Without SESSION the run is built from train's
options (defaults: the notebook's run, whose epoch 1 is the notebook's first iteration).
Mini-batches: the epoch's first batch, in its shuffled order.

  --epoch N      the epoch to trace (1 to ${MAX_EPOCHS}; default: the next one); the epochs
                 before it are trained first
  --sample I     cut x, z, a and delta to row I of the traced batch (full batch: training point
                 I); the weights and gradients still cover the whole batch
  --json         one JSON object: {"epoch", "lossBefore", "batch", "rows", "x", "labels",
                 "layers": [{"shape", "activation", "W", "b", "z", "a", "delta", "dW", "db",
                 "Wafter", "bAfter"}, …]}, matrices as arrays of rows, b and db as vectors
`,
  export: `nn-lab export KIND SESSION [--out FILE] [--split all|train|test] [--log-every N]

KIND is one of:
  numpy     a standalone Python script: the weights, predict(X), and the accuracy when run
  notebook  a Jupyter notebook (.ipynb) that retrains the run from epoch 0 and prints the app's
            log (a line every --log-every N epochs; default: a tenth of the epoch limit)
  torch     a PyTorch script: the model as torch.nn.Sequential (float64), predict(X), train(epochs)
  weights   the weights and biases as JSON
  data      the points as CSV: all of them as x1,x2,label,split (train/test per row, so
            train --data reproduces the split), or --split train|test as x1,x2,label
  history   loss and accuracy per epoch as CSV
Without --out the export is printed on stdout.
`,
  sweep: `nn-lab sweep --lr 0.01,0.1,1 --layers 2,8,1:2,16,8,1 [train options] [--jobs N] [--histories] --json

Trains every combination of the --lr values (comma-separated) and the --layers values
(colon-separated), with the other train options (nn-lab train --help) shared by all, and prints one
JSON row per combination (--lr outer, --layers inner) with the fields of train --json: each row
equals a single train of that combination, bit for bit (trainSeconds aside).

  --jobs N                   worker threads to spread the runs over (1 to 64; default: the cores)
  --histories                keep the loss and accuracy histories in each row (left out otherwise)
`,
  check: `nn-lab check CHALLENGE SESSION... [--json]

Grades result sessions against a challenge (.nnlab-challenge): for each SESSION, whether it
meets every target of the goal, keeps the settings the challenge locks, and answers this
challenge. The figures are measured again: the data is regenerated from the session's settings
and its saved weights are evaluated on it; numbers stored in the file are never trusted.
The epoch count is the session's own.

  --json    one JSON object: the challenge, and per session passed, figures, checks, problems

Exit code 0 when every session passes, 3 when any fails, 2 on bad input (an unreadable
challenge). A SESSION that cannot be read fails the check without stopping the others.
`
}
