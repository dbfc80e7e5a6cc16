// The notebook's code that depends on the output head: the output activation, the loss, the
// epoch's score (accuracy for classes; R² for regression), the printed lines and the map the
// results cell draws. One entry per head, each the Python of the engine's losses.ts formulas.
import type { NetworkSpec } from '../engine/types'
import { BCE_EPSILON } from '../engine/losses'
import { pythonFloat } from './numbers'

export interface NotebookHead {
  /** forward(): the comment naming the output, and the output layer's activation line. */
  outputName: string
  output: string
  /** Module-level definitions before the NeuralNetwork class (regression: R²'s helpers). */
  definitions: string
  /** NeuralNetwork methods: compute_loss, then the score's tally (4-space indented). */
  methods: string
  /** backward(): the output layer's dL/dz. */
  delta: string
  /** train(): set up before the epoch loop ('' or lines ending in a newline, 8-space indented). */
  beforeLoop: string
  /** train(): a full batch's score, a mini-batch epoch's tally start, step and score. */
  fullScore: string
  tallyStart: string
  tallyAdd: string
  tallyScore: string
  /** train(): the epoch's log line (the app's Training log format). */
  printLine: string
  /** What the epoch's score is, and the map is, in words. */
  scoreName: string
  mapName: string
  /** The results cell's right panel: the map over `grid`, with the points on top. */
  map: string
  /** The results cell's last lines: the final line of the app's log. */
  final: string
}

const CLASS_TALLY = {
  fullScore: 'acc = self.count_correct(y_pred, y) / n',
  tallyStart: 'correct = 0',
  tallyAdd: 'correct += self.count_correct(y_pred, y[batch])',
  tallyScore: 'acc = correct / n',
  beforeLoop: '',
  printLine: "print(f'Epoch {epoch+1:4d} | Loss: {loss:.4f} | Accuracy: {acc:.2%}')",
  definitions: '',
  scoreName: 'accuracy',
  mapName: 'Decision boundary'
}

const CLASS_POINTS = `for c in range(N_CLASSES):
    axes[1].scatter(X[y.ravel()==c, 0], X[y.ravel()==c, 1], color=CLASS_COLOURS[c], s=20, edgecolors='white', linewidth=0.5)
    if len(X_test) > 0:
        axes[1].scatter(X_test[y_test.ravel()==c, 0], X_test[y_test.ravel()==c, 1], color=CLASS_COLOURS[c], s=30, marker='^', edgecolors='black', linewidth=0.5)
axes[1].set_title('Decision Boundary')
axes[1].axis('equal')`

const CLASS_FINAL = `# Final accuracy
y_pred = nn.forward(X)
final_acc = nn.count_correct(y_pred, y) / len(X)
print(f'\\n🎯 Final Accuracy: {final_acc:.2%}')`

const BINARY_HEAD: NotebookHead = {
  ...CLASS_TALLY,
  outputName: 'sigmoid',
  output: 'a = sigmoid(z)',
  methods: `    def compute_loss(self, y_pred, y_true):
        """Binary cross-entropy loss."""
        m = y_true.shape[0]
        epsilon = ${pythonFloat(BCE_EPSILON)}
        loss = -np.mean(y_true * np.log(y_pred + epsilon) + (1 - y_true) * np.log(1 - y_pred + epsilon))
        return loss
    
    def count_correct(self, y_pred, y_true):
        """Points classified right: P(class 1) > 0.5 means class 1."""
        return int(np.sum((y_pred > 0.5).astype(float) == y_true))`,
  delta: 'delta = self.activations[-1] - y_true  # dL/dz for BCE + sigmoid',
  map: `Z = nn.forward(grid)
Z = Z.reshape(xx.shape)

axes[1].contourf(xx, yy, Z, levels=50, cmap='RdBu_r', alpha=0.8)
${CLASS_POINTS}`,
  final: CLASS_FINAL
}

const SOFTMAX_HEAD: NotebookHead = {
  ...CLASS_TALLY,
  outputName: 'softmax',
  output: 'a = softmax(z)',
  methods: `    def compute_loss(self, y_pred, y_true):
        """Cross-entropy of the softmax, from the logits (log-softmax stays exact in the tails)."""
        z = self.z_values[-1]
        shifted = z - z.max(axis=1, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        return -np.mean(log_p[np.arange(y_true.shape[0]), y_true])
    
    def count_correct(self, y_pred, y_true):
        """Points classified right: the most probable class."""
        return int(np.sum(y_pred.argmax(axis=1) == y_true))`,
  delta:
    'delta = self.activations[-1] - np.eye(self.layer_sizes[-1])[y_true]  # dL/dz for CE + softmax',
  map: `Z = nn.forward(grid)
Z = Z.argmax(axis=1).reshape(xx.shape)  # the most probable class

axes[1].contourf(xx, yy, Z, levels=np.arange(N_CLASSES + 1) - 0.5, colors=CLASS_COLOURS, alpha=0.4)
${CLASS_POINTS}`,
  final: CLASS_FINAL
}

/** One linear output unit, trained on ½·MSE (losses.ts squaredErrorStep); the log shows the loss,
 *  MSE = 2 × loss and R² (rSquaredOf: scikit-learn's r2_score). */
const REGRESSION_HEAD: NotebookHead = {
  outputName: 'linear (the predicted value itself)',
  output: 'a = linear(z)',
  definitions: `def total_squares_of(y):
    """Σ (y − ȳ)²: how much the targets vary, R²'s denominator."""
    return float(np.sum((y - y.mean()) ** 2))

def r_squared(residual_squares, total_squares):
    """R² = 1 − Σ(ŷ − y)² / Σ(y − ȳ)², as scikit-learn's r2_score: 1 is a perfect fit, 0 no better
    than predicting the mean, below 0 worse (constant targets: 1 for a perfect fit, else 0)."""
    if total_squares == 0:
        return 1.0 if residual_squares == 0 else 0.0
    return 1 - residual_squares / total_squares


`,
  methods: `    def compute_loss(self, y_pred, y_true):
        """Half the mean squared error, ½·mean((ŷ − y)²): its gradient per point is ŷ − y."""
        return 0.5 * np.mean((y_pred - y_true) ** 2)
    
    def residual_squares(self, y_pred, y_true):
        """Σ (ŷ − y)²: R²'s numerator (as counting the points classified right is accuracy's)."""
        return float(np.sum((y_pred - y_true) ** 2))`,
  delta: 'delta = self.activations[-1] - y_true  # dL/dz for ½·MSE + a linear output',
  beforeLoop: `        total_squares = total_squares_of(y)  # R²'s denominator, from the training targets
`,
  fullScore: 'r2 = r_squared(self.residual_squares(y_pred, y), total_squares)',
  tallyStart: 'residual_sum = 0.0',
  tallyAdd: 'residual_sum += self.residual_squares(y_pred, y[batch])',
  tallyScore: 'r2 = r_squared(residual_sum, total_squares)',
  printLine: "print(f'Epoch {epoch+1:4d} | Loss: {loss:.4f} | MSE: {2 * loss:.4f} | R²: {r2:.4f}')",
  scoreName: 'R²',
  mapName: 'Predicted value',
  map: `Z = nn.forward(grid).reshape(xx.shape)  # the predicted value at each grid point

# The app's value map: blue below 0, red above, to ±VALUE_LIMIT (clipped beyond)
levels = np.linspace(-VALUE_LIMIT, VALUE_LIMIT, 51)
value_map = axes[1].contourf(xx, yy, np.clip(Z, -VALUE_LIMIT, VALUE_LIMIT), levels=levels, cmap='RdBu_r', alpha=0.8)
axes[1].scatter(X[:, 0], X[:, 1], c=y.ravel(), cmap='RdBu_r', vmin=-VALUE_LIMIT, vmax=VALUE_LIMIT, s=20, edgecolors='black', linewidth=0.5)
if len(X_test) > 0:
    axes[1].scatter(X_test[:, 0], X_test[:, 1], c=y_test.ravel(), cmap='RdBu_r', vmin=-VALUE_LIMIT, vmax=VALUE_LIMIT, s=30, marker='^', edgecolors='black', linewidth=0.5)
fig.colorbar(value_map, ax=axes[1], label='predicted value', ticks=np.linspace(-VALUE_LIMIT, VALUE_LIMIT, 5), format='%.3g')
axes[1].set_title('Predicted Value')
axes[1].axis('equal')`,
  final: `# Final MSE and R² on the training points
y_pred = nn.forward(X)
final_loss = nn.compute_loss(y_pred, y)
final_r2 = r_squared(nn.residual_squares(y_pred, y), total_squares_of(y))
print(f'\\n🎯 Final MSE: {2 * final_loss:.4f} | R²: {final_r2:.4f}')`
}

export function notebookHead(output: NetworkSpec['output']): NotebookHead {
  return output === 'sigmoid' ? BINARY_HEAD : output === 'linear' ? REGRESSION_HEAD : SOFTMAX_HEAD
}
