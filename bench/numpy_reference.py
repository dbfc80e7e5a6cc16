"""NumPy reference for `npm run bench`: the seed notebook's own NeuralNetwork code, timed.

Usage: python3 numpy_reference.py SAMPLES LAYERS EPOCHS REPEATS
  e.g. python3 numpy_reference.py 400 2,16,8,1 2000 3
Prints one JSON object: the best wall-clock and CPU seconds of the training loop alone (over
REPEATS fresh runs), the final loss (so the bench can check every engine did the same work), and
NumPy's version and BLAS library.
"""
import json
import sys
import time

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-np.clip(z, -500, 500)))


def relu(z):
    return np.maximum(0, z)


def relu_derivative(z):
    return (z > 0).astype(float)


def make_circles(n=300, noise=0.1):
    t = np.random.uniform(0, 2 * np.pi, n)
    r_inner = 1 + np.random.randn(n // 2) * noise
    X_inner = np.column_stack([r_inner * np.cos(t[:n//2]), r_inner * np.sin(t[:n//2])])
    r_outer = 3 + np.random.randn(n // 2) * noise
    X_outer = np.column_stack([r_outer * np.cos(t[n//2:]), r_outer * np.sin(t[n//2:])])
    X = np.vstack([X_inner, X_outer])
    y = np.array([0] * (n // 2) + [1] * (n // 2)).reshape(-1, 1)
    idx = np.random.permutation(n)
    return X[idx], y[idx]


class NeuralNetwork:
    # The notebook's class without its constructor prints.
    def __init__(self, layer_sizes):
        self.weights = []
        self.biases = []
        for i in range(len(layer_sizes) - 1):
            w = np.random.randn(layer_sizes[i], layer_sizes[i+1]) * np.sqrt(2 / layer_sizes[i])
            b = np.zeros((1, layer_sizes[i+1]))
            self.weights.append(w)
            self.biases.append(b)
        self.n_layers = len(self.weights)

    def forward(self, X):
        self.activations = [X]
        self.z_values = []
        for i in range(self.n_layers):
            z = self.activations[-1] @ self.weights[i] + self.biases[i]
            self.z_values.append(z)
            if i < self.n_layers - 1:
                a = relu(z)
            else:
                a = sigmoid(z)
            self.activations.append(a)
        return self.activations[-1]

    def compute_loss(self, y_pred, y_true):
        epsilon = 1e-8
        return -np.mean(y_true * np.log(y_pred + epsilon) + (1 - y_true) * np.log(1 - y_pred + epsilon))

    def backward(self, y_true, learning_rate=0.01):
        m = y_true.shape[0]
        delta = self.activations[-1] - y_true
        for i in range(self.n_layers - 1, -1, -1):
            dW = (self.activations[i].T @ delta) / m
            db = np.mean(delta, axis=0, keepdims=True)
            if i > 0:
                delta = (delta @ self.weights[i].T) * relu_derivative(self.z_values[i-1])
            self.weights[i] -= learning_rate * dW
            self.biases[i] -= learning_rate * db

    def train(self, X, y, epochs=1000, lr=0.1):
        losses = []
        for epoch in range(epochs):
            y_pred = self.forward(X)
            loss = self.compute_loss(y_pred, y)
            losses.append(loss)
            self.backward(y, learning_rate=lr)
        return losses


def main():
    samples = int(sys.argv[1])
    layers = [int(s) for s in sys.argv[2].split(',')]
    epochs = int(sys.argv[3])
    repeats = int(sys.argv[4])
    best = float('inf')
    best_cpu = float('inf')
    final_loss = None
    for _ in range(repeats):
        np.random.seed(42)
        X, y = make_circles(samples, noise=0.15)
        nn = NeuralNetwork(layers)
        start = time.perf_counter()
        cpu_start = time.process_time()
        losses = nn.train(X, y, epochs=epochs, lr=0.1)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - cpu_start)
        final_loss = float(losses[-1])
    print(json.dumps({'seconds': best, 'cpuSeconds': best_cpu, 'finalLoss': final_loss,
                      'numpy': np.__version__, 'blas': blas_name()}))


def blas_name():
    """Which BLAS this NumPy calls: 'scipy-openblas', 'openblas', or the system library's path."""
    try:
        return np.show_config(mode='dicts')['Build Dependencies']['blas']['name']
    except Exception:
        pass
    try:
        import os
        from numpy import __config__ as config
        libs = getattr(config, 'blas_opt_info', {}).get('libraries', [])
        if 'openblas' in libs:
            return 'openblas'
        if 'blas' in libs:
            # Debian: libblas.so.3 is an alternative (reference BLAS or OpenBLAS)
            return os.path.realpath('/usr/lib/x86_64-linux-gnu/libblas.so.3')
        return ','.join(libs) or 'unknown'
    except Exception:
        return 'unknown'


if __name__ == '__main__':
    main()
