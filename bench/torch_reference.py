"""PyTorch reference for `npm run bench`: the seed notebook's training loop in torch.float64.

The same data and initial weights as numpy_reference.py (NumPy's generator, seed 42), then the
notebook's own forward pass, loss and hand-written backward pass (delta = a - y, no autograd, so
every contender does the same arithmetic), with torch tensors and torch's own threads.

Usage: python3 torch_reference.py SAMPLES LAYERS EPOCHS REPEATS
Prints one JSON object: best wall-clock and CPU seconds of the training loop, the final loss, the
torch version and its intra-op thread count.
"""
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from numpy_reference import NeuralNetwork, make_circles  # noqa: E402  (the notebook's code)


def train(weights, biases, X, y, epochs, lr):
    n_layers = len(weights)
    m = y.shape[0]
    loss = None
    for _ in range(epochs):
        activations = [X]
        z_values = []
        for i in range(n_layers):
            z = activations[-1] @ weights[i] + biases[i]
            z_values.append(z)
            if i < n_layers - 1:
                a = torch.clamp_min(z, 0)
            else:
                a = 1 / (1 + torch.exp(-torch.clamp(z, -500, 500)))
            activations.append(a)
        y_pred = activations[-1]
        loss = -torch.mean(y * torch.log(y_pred + 1e-8) + (1 - y) * torch.log(1 - y_pred + 1e-8))
        delta = y_pred - y
        for i in range(n_layers - 1, -1, -1):
            dW = (activations[i].T @ delta) / m
            db = torch.mean(delta, dim=0, keepdim=True)
            if i > 0:
                delta = (delta @ weights[i].T) * (z_values[i - 1] > 0).to(torch.float64)
            weights[i] -= lr * dW
            biases[i] -= lr * db
    return float(loss)


def main():
    samples = int(sys.argv[1])
    layers = [int(s) for s in sys.argv[2].split(',')]
    epochs = int(sys.argv[3])
    repeats = int(sys.argv[4])
    best = float('inf')
    best_cpu = float('inf')
    final_loss = None
    torch.set_grad_enabled(False)
    for _ in range(repeats):
        np.random.seed(42)
        X, y = make_circles(samples, noise=0.15)
        nn = NeuralNetwork(layers)
        weights = [torch.from_numpy(w.copy()) for w in nn.weights]
        biases = [torch.from_numpy(b.copy()) for b in nn.biases]
        Xt = torch.from_numpy(X)
        yt = torch.from_numpy(y.astype(np.float64))
        start = time.perf_counter()
        cpu_start = time.process_time()
        final_loss = train(weights, biases, Xt, yt, epochs, 0.1)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - cpu_start)
    print(json.dumps({'seconds': best, 'cpuSeconds': best_cpu, 'finalLoss': final_loss,
                      'torch': torch.__version__, 'threads': torch.get_num_threads()}))


if __name__ == '__main__':
    main()
