// The text `nn-lab --help` and `nn-lab <command> --help` print.

export const GENERAL_HELP = `nn-lab: train and use NN Lab networks from the command line (same engine as the app).

Usage:
  nn-lab train [options]                      train a network (defaults: the notebook's run)
  nn-lab predict SESSION --data FILE.csv [--json]
  nn-lab eval SESSION [--data FILE.csv] [--json]
  nn-lab export numpy|notebook|torch|weights|data|history SESSION [--out FILE]
  nn-lab <command> --help                     options of one command

Bad input prints one line on stderr and exits with code 2.
`

export const COMMAND_HELP: Record<string, string> = {
  train: `nn-lab train [options]

Trains a network and prints the notebook's log (or one JSON object with --json).
Every option defaults to the notebook's run: seed 42, circles 400 / 0.15, 2,16,8,1, He, ReLU,
SGD lr 0.1, full batch, 2000 epochs, a line every 200 epochs.

  --preset seed-notebook     start from the notebook's run (the default)
  --dataset KIND             circles | xor | gauss | spiral | moons
  --data FILE.csv            train on x1,x2,label rows instead (header optional)
  --samples N                points to generate (4 to 100000)
  --noise X                  noise level (0 to 5)
  --test-fraction F          hold out this fraction as test points (0 ≤ F < 1; default 0)
  --layers 2,16,8,1          neurons per layer; last 1 = sigmoid, k > 1 = softmax over k classes
  --activation NAME[,NAME…]  sigmoid | relu | tanh | leaky-relu | linear (one, or one per hidden layer)
  --init NAME                he | xavier | uniform
  --optimizer NAME           sgd | momentum | adam
  --lr X                     learning rate (> 0)
  --epochs N                 epochs to train
  --batch full|N             full batch or mini-batches of N (shuffled each epoch)
  --seed N                   the run's random seed (0 to 4294967295)
  --log-every N              print a line every N epochs
  --out SESSION.nnlab        save the trained session (written atomically)
  --json                     print one JSON object: layers, epochs, lossHistory, finalLoss,
                             finalAccuracy, trainSeconds, …
`,
  predict: `nn-lab predict SESSION --data FILE.csv [--json]

Prints the model's probabilities for the points in FILE.csv (x1,x2 rows; a third label column
is ignored): P(class 1) per point for a sigmoid model, one probability per class for softmax.
With --json: {"probabilities": [...]}.
`,
  eval: `nn-lab eval SESSION [--data FILE.csv] [--json]

Prints the loss and accuracy of the saved model on its training points (and test points), or on
the labelled points of FILE.csv.
`,
  export: `nn-lab export KIND SESSION [--out FILE] [--split all|train|test] [--log-every N]

KIND is one of:
  numpy     a standalone Python script: the weights, predict(X), and the accuracy when run
  notebook  a Jupyter notebook (.ipynb) that retrains the run from epoch 0 and prints the app's
            log (a line every --log-every N epochs; default: a tenth of the epoch limit)
  torch     a PyTorch script: the model as torch.nn.Sequential (float64), predict(X), train(epochs)
  weights   the weights and biases as JSON
  data      the points as x1,x2,label CSV (--split chooses train, test or all; default all)
  history   loss and accuracy per epoch as CSV
Without --out the export is printed on stdout.
`
}
