// The Learn panel's words: a guided path through the notebook's steps, its key-takeaways table,
// and its interview questions. Each question names a demonstration (learnDemos.ts) that answers
// it with a real run; each step can point at the lab view that shows it.

export type DemoId =
  'from-scratch' | 'backprop' | 'relu-vs-sigmoid' | 'vanishing-gradient' | 'he-vs-xavier'

/** Lab panels a step can point at: the id of the panel's heading. */
export type LabTarget =
  | 'data-heading'
  | 'network-heading'
  | 'training-heading'
  | 'curves-heading'
  | 'boundary-heading'
  | 'log-heading'

export interface LearnStep {
  id: string
  title: string
  /** Paragraphs, in plain words: what the step does and why. */
  body: string[]
  /** A snippet of the notebook's code this step is about. */
  code?: string
  target?: LabTarget
  /** Show the activation plots inline (Step 1). */
  showActivations?: boolean
  demo?: DemoId
}

export const LEARN_STEPS: readonly LearnStep[] = [
  {
    id: 'setup',
    title: '0 · Setup and the seed',
    body: [
      'Everything random in the notebook — the points, the initial weights — comes from one NumPy random generator seeded with 42. Fix the seed and the whole run is repeatable to the last digit.',
      'The lab uses the same generator (MT19937, NumPy’s legacy RandomState) and draws from it in the same order, so the “Seed notebook” preset prints the notebook’s numbers exactly. Change the seed in Data to get different points and different starting weights.'
    ],
    code: 'np.random.seed(42)',
    target: 'data-heading'
  },
  {
    id: 'activations',
    title: '1 · Activation functions',
    body: [
      'A neuron adds up its weighted inputs (z = x·w + b) and passes z through an activation function. Without that bend, any stack of layers collapses into one linear map, and a straight line cannot separate two circles.',
      'Training needs each activation’s slope too: backpropagation multiplies by it at every layer. Look at the dashed lines: sigmoid’s slope is at most 0.25 and fades to 0 for large |z|; ReLU’s is exactly 1 wherever the neuron is on.'
    ],
    code: 'sigmoid(z) = 1 / (1 + exp(-z))    relu(z) = max(0, z)',
    showActivations: true
  },
  {
    id: 'data',
    title: '2 · The data',
    body: [
      'Two noisy rings: 200 points at radius 1 (class 0, blue) inside 200 points at radius 3 (class 1, red), shuffled. No straight line separates them, so the network has to learn a curved boundary.',
      'Try the other datasets in Data too: XOR, Gaussian blobs, spirals and moons each ask something different of the network.'
    ],
    code: 'X, y = make_circles(400, noise=0.15)',
    target: 'data-heading'
  },
  {
    id: 'network',
    title: '3 · The network and He initialisation',
    body: [
      'Input 2 → hidden 16 (ReLU) → hidden 8 (ReLU) → output 1 (sigmoid). Each arrow is a weight matrix plus a bias vector: 2·16+16 + 16·8+8 + 8·1+1 = 193 parameters.',
      'The weights start random, scaled by √(2/fan-in) (He). That scale keeps the signal’s size roughly constant from layer to layer with ReLU, which halves the variance; too small and signals die out, too large and they blow up. Biases start at zero.'
    ],
    code: 'w = np.random.randn(n_in, n_out) * np.sqrt(2 / n_in)',
    target: 'network-heading'
  },
  {
    id: 'forward',
    title: '4 · The forward pass',
    body: [
      'Each layer computes z = a_prev @ W + b and then a = f(z); the last layer’s sigmoid turns its z into a probability of class 1. The notebook keeps every z and a, because the backward pass needs them.',
      'Hover over a neuron in the network diagram to see its own output over the whole plane: early neurons draw straight edges, later ones combine them into curves.'
    ],
    code: 'z = a @ W[i] + b[i];  a = relu(z) if hidden else sigmoid(z)',
    target: 'network-heading'
  },
  {
    id: 'loss',
    title: '5 · Binary cross-entropy loss',
    body: [
      'The loss scores the predictions: −mean(y·log ŷ + (1−y)·log(1−ŷ)). A confident right answer costs almost nothing; a confident wrong one costs a lot. A tiny epsilon keeps log away from zero.',
      'Paired with a sigmoid output, its gradient with respect to the output’s z is simply ŷ − y, which is where backpropagation starts.'
    ],
    code: 'loss = -np.mean(y*np.log(p + 1e-8) + (1-y)*np.log(1 - p + 1e-8))',
    target: 'curves-heading'
  },
  {
    id: 'backprop',
    title: '6 · Backpropagation',
    body: [
      'Walking back from the output, each layer turns the error signal δ into its gradients — dW = a_prevᵀ·δ / m and db = mean(δ) — and hands the previous layer δ·Wᵀ times the activation’s slope. That is the chain rule, applied once per layer.',
      'One pass backwards costs about as much as one pass forwards, whatever the number of weights: that is why networks with millions of parameters can be trained at all.'
    ],
    code: 'delta = (delta @ W[i].T) * relu_derivative(z[i-1])',
    demo: 'backprop'
  },
  {
    id: 'descent',
    title: '7 · Gradient descent',
    body: [
      'Every weight moves a small step against its gradient: W ← W − learning_rate · dW. The notebook uses the whole dataset for every step (full batch) and a learning rate of 0.1.',
      'Too large a rate overshoots and diverges; too small crawls. Change the learning rate in Training while it runs — the weights are kept — and watch the loss curve respond.'
    ],
    code: 'W[i] -= learning_rate * dW',
    target: 'training-heading'
  },
  {
    id: 'log',
    title: '8 · The training log',
    body: [
      'The notebook prints a line every 200 epochs: the epoch, the loss and the accuracy measured before that epoch’s update. The lab’s log prints the same lines in the same format, and the run’s final accuracy at the end.',
      'The top bar’s “Loss now” and “Acc. now” are those of the weights after the last update, the ones the decision boundary shows, so they run one update ahead of the log.'
    ],
    code: "print(f'Epoch {epoch+1:4d} | Loss: {loss:.4f} | Accuracy: {acc:.2%}')",
    target: 'log-heading',
    demo: 'from-scratch'
  },
  {
    id: 'curve',
    title: '9 · The loss curve',
    body: [
      'Plotting the loss of every epoch shows how learning went: a fast drop while the network finds the rough shape, then a long tail of refinement. A flat start means the gradients are too weak (see the vanishing-gradient question); spikes mean the steps are too big.',
      'Switch the curve to a log scale to see the tail clearly.'
    ],
    target: 'curves-heading'
  },
  {
    id: 'boundary',
    title: '10 · The decision boundary',
    body: [
      'Ask the network for P(class 1) at every point of a grid over the plane and colour it, blue for 0 and red for 1: the white band between them is the decision boundary. For the circles it becomes a ring between the two classes.',
      'Watching it change while training is the clearest picture of what “learning” means here.'
    ],
    target: 'boundary-heading'
  },
  {
    id: 'regression',
    title: '11 · Regression: predicting a number',
    body: [
      'Pick Plane or Gaussian mix in Data and the network predicts a number instead of a class: its output unit is linear (ŷ = z, no sigmoid) and the loss is ½·mean((ŷ − y)²), half the mean squared error, as in TensorFlow Playground and scikit-learn.',
      'The ½ is there for the gradient: with respect to the output’s z it is ŷ − y, exactly what sigmoid + binary cross-entropy give, so backpropagation starts the same way. The top bar shows MSE (twice the loss) and R², the share of the targets’ variance the model explains (1 is a perfect fit); the map colours the predicted value, 0 in white.'
    ],
    code: 'loss = 0.5 * np.mean((z - y) ** 2)   # delta = z - y',
    target: 'boundary-heading'
  }
]

export interface Takeaway {
  concept: string
  used: string
  why: string
}

/** The notebook's key-takeaways table. */
export const TAKEAWAYS: readonly Takeaway[] = [
  {
    concept: 'He initialisation',
    used: '√(2/fan_in) scaling',
    why: 'Prevents vanishing/exploding gradients'
  },
  { concept: 'ReLU', used: 'Hidden layers', why: 'Non-linear, no vanishing gradient, fast' },
  { concept: 'Sigmoid', used: 'Output layer', why: 'Squashes to [0, 1] for binary classification' },
  {
    concept: 'BCE loss',
    used: '−y·log(ŷ) − (1−y)·log(1−ŷ)',
    why: 'Standard for binary classification'
  },
  { concept: 'Backprop', used: 'Chain rule through layers', why: 'Efficient gradient computation' },
  {
    concept: 'Learning rate',
    used: '0.1',
    why: 'Controls step size (too high = diverge, too low = slow)'
  }
]

export interface InterviewQuestion {
  id: DemoId
  question: string
  answer: string[]
  /** What the demonstration does, as a button label. */
  demoLabel: string
}

export const INTERVIEW_QUESTIONS: readonly InterviewQuestion[] = [
  {
    id: 'from-scratch',
    question: 'Implement a neural network from scratch.',
    answer: [
      'You need four pieces: parameters (a weight matrix and bias per layer, randomly initialised), a forward pass that keeps each layer’s z and activation, a loss, and a backward pass that turns the loss into gradients and updates the weights. Loop forward → loss → backward for a number of epochs.',
      'The demonstration trains the notebook’s 2-16-8-1 network on the notebook’s data with this very recipe and prints the notebook’s log.'
    ],
    demoLabel: 'Train the notebook’s network'
  },
  {
    id: 'backprop',
    question: 'Explain backpropagation.',
    answer: [
      'It is the chain rule organised so nothing is computed twice. Start with dL/dz at the output (ŷ − y for sigmoid + BCE). For each layer, going backwards: the weight gradient is the layer’s input transposed times δ; then δ for the layer below is δ·Wᵀ times the activation’s derivative.',
      'The demonstration computes the gradient of every layer for the first epoch, takes one gradient-descent step, and checks that each weight matrix moved by exactly learning rate × its gradient.'
    ],
    demoLabel: 'Step one epoch and show the gradients'
  },
  {
    id: 'relu-vs-sigmoid',
    question: 'Why do we use ReLU over sigmoid in hidden layers?',
    answer: [
      'Sigmoid’s slope is at most 0.25 and almost 0 once |z| is large, so every sigmoid layer shrinks the gradient flowing back; its outputs are also all positive, which makes updates zig-zag. ReLU’s slope is exactly 1 for active neurons, it is cheap, and it gives sparse activations.',
      'The demonstration trains the same network on the same data twice — ReLU hidden layers, then sigmoid — with identical seeds and learning rate, and compares the loss curves.'
    ],
    demoLabel: 'Train both and compare'
  },
  {
    id: 'vanishing-gradient',
    question: 'What is the vanishing gradient problem?',
    answer: [
      'Backpropagation multiplies by each layer’s activation slope and weights on the way back. When those factors are below 1 — as sigmoid’s always are (≤ 0.25) — the gradient shrinks geometrically with depth, so the first layers barely learn.',
      'The demonstration builds a deep sigmoid network and a deep ReLU network of the same shape and shows the gradient norm of every layer for the same data.'
    ],
    demoLabel: 'Measure gradients layer by layer'
  },
  {
    id: 'he-vs-xavier',
    question: 'Explain He vs Xavier initialisation.',
    answer: [
      'Both pick the scale of the random initial weights so a signal keeps its size through the layers. Xavier (Glorot) uses variance 1/fan-in (or 2/(fan-in + fan-out)), right for symmetric activations such as tanh. ReLU zeroes half its inputs, halving the variance at every layer, so He doubles it: variance 2/fan-in.',
      'The demonstration initialises a deep ReLU network both ways and shows the typical activation size at every layer, then trains both and compares the loss curves.'
    ],
    demoLabel: 'Compare the two initialisations'
  }
]
