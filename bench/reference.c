/* C reference for `npm run bench`: the seed notebook's training loop (ReLU hidden layers, sigmoid
 * output, binary cross-entropy with epsilon 1e-8, full-batch gradient descent), written as a
 * plain C programmer would, compiled with gcc -O3.
 *
 * Usage: reference INPUT EPOCHS LR REPEATS
 * INPUT (text, written by bench/run.ts): layer count, layer sizes, point count, then x (count*2),
 * labels (count), and the initial weights (row-major fanIn x fanOut per layer); biases start 0.
 * Prints JSON: best wall-clock and CPU seconds of the training loop over REPEATS runs, and the
 * final epoch's loss. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double clock_seconds(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  if (argc < 5) {
    fprintf(stderr, "usage: reference INPUT EPOCHS LR REPEATS\n");
    return 2;
  }
  FILE *f = fopen(argv[1], "r");
  if (!f) { perror(argv[1]); return 2; }
  int epochs = atoi(argv[2]);
  double lr = atof(argv[3]);
  int repeats = atoi(argv[4]);
  int nl, m;
  if (fscanf(f, "%d", &nl) != 1) return 2;
  int *sz = malloc(sizeof(int) * nl);
  for (int i = 0; i < nl; i++) if (fscanf(f, "%d", &sz[i]) != 1) return 2;
  if (fscanf(f, "%d", &m) != 1) return 2;
  int L = nl - 1;
  double *x = malloc(sizeof(double) * m * 2);
  double *y = malloc(sizeof(double) * m);
  for (int i = 0; i < m * 2; i++) if (fscanf(f, "%lf", &x[i]) != 1) return 2;
  for (int i = 0; i < m; i++) if (fscanf(f, "%lf", &y[i]) != 1) return 2;
  double **w0 = malloc(sizeof(double *) * L), **w = malloc(sizeof(double *) * L), **b = malloc(sizeof(double *) * L);
  double **z = malloc(sizeof(double *) * L), **a = malloc(sizeof(double *) * L), **d = malloc(sizeof(double *) * L);
  double **gw = malloc(sizeof(double *) * L), **gb = malloc(sizeof(double *) * L);
  for (int l = 0; l < L; l++) {
    int K = sz[l], J = sz[l + 1];
    w0[l] = malloc(sizeof(double) * K * J);
    for (int i = 0; i < K * J; i++) if (fscanf(f, "%lf", &w0[l][i]) != 1) return 2;
    w[l] = malloc(sizeof(double) * K * J);
    b[l] = malloc(sizeof(double) * J);
    z[l] = malloc(sizeof(double) * m * J);
    a[l] = malloc(sizeof(double) * m * J);
    d[l] = malloc(sizeof(double) * m * J);
    gw[l] = malloc(sizeof(double) * K * J);
    gb[l] = malloc(sizeof(double) * J);
  }
  fclose(f);

  double best = 1e300, bestCpu = 1e300, loss = 0;
  for (int rep = 0; rep < repeats; rep++) {
    for (int l = 0; l < L; l++) {
      memcpy(w[l], w0[l], sizeof(double) * sz[l] * sz[l + 1]);
      memset(b[l], 0, sizeof(double) * sz[l + 1]);
    }
    double t0 = clock_seconds(CLOCK_MONOTONIC);
    double c0 = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
    for (int e = 0; e < epochs; e++) {
      /* forward: z = in @ W + b; ReLU hidden, sigmoid output */
      for (int l = 0; l < L; l++) {
        int K = sz[l], J = sz[l + 1];
        const double *in = l == 0 ? x : a[l - 1];
        for (int n = 0; n < m; n++) {
          double *zr = z[l] + (size_t)n * J;
          for (int j = 0; j < J; j++) zr[j] = 0;
          for (int k = 0; k < K; k++) {
            double av = in[(size_t)n * K + k];
            const double *wr = w[l] + (size_t)k * J;
            for (int j = 0; j < J; j++) zr[j] += av * wr[j];
          }
          double *ar = a[l] + (size_t)n * J;
          for (int j = 0; j < J; j++) {
            double v = zr[j] + b[l][j];
            zr[j] = v;
            if (l < L - 1) ar[j] = v > 0 ? v : 0;
            else {
              double c = v < -500 ? -500 : v > 500 ? 500 : v;
              ar[j] = 1 / (1 + exp(-c));
            }
          }
        }
      }
      /* loss (before the update) and output delta */
      double *p = a[L - 1];
      double sum = 0;
      for (int n = 0; n < m; n++) {
        sum += y[n] * log(p[n] + 1e-8) + (1 - y[n]) * log(1 - p[n] + 1e-8);
        d[L - 1][n] = p[n] - y[n];
      }
      loss = -sum / m;
      /* backward and update */
      for (int l = L - 1; l >= 0; l--) {
        int K = sz[l], J = sz[l + 1];
        const double *in = l == 0 ? x : a[l - 1];
        memset(gw[l], 0, sizeof(double) * K * J);
        memset(gb[l], 0, sizeof(double) * J);
        for (int n = 0; n < m; n++) {
          const double *dr = d[l] + (size_t)n * J;
          for (int k = 0; k < K; k++) {
            double av = in[(size_t)n * K + k];
            double *gr = gw[l] + (size_t)k * J;
            for (int j = 0; j < J; j++) gr[j] += av * dr[j];
          }
          for (int j = 0; j < J; j++) gb[l][j] += dr[j];
        }
        if (l > 0) {
          for (int n = 0; n < m; n++) {
            const double *dr = d[l] + (size_t)n * J;
            double *pr = d[l - 1] + (size_t)n * K;
            const double *zp = z[l - 1] + (size_t)n * K;
            for (int k = 0; k < K; k++) {
              const double *wr = w[l] + (size_t)k * J;
              double s = 0;
              for (int j = 0; j < J; j++) s += dr[j] * wr[j];
              pr[k] = zp[k] > 0 ? s : 0;
            }
          }
        }
        for (int i = 0; i < K * J; i++) w[l][i] -= lr * (gw[l][i] / m);
        for (int j = 0; j < J; j++) b[l][j] -= lr * (gb[l][j] / m);
      }
    }
    double t = clock_seconds(CLOCK_MONOTONIC) - t0;
    double c = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - c0;
    if (t < best) best = t;
    if (c < bestCpu) bestCpu = c;
  }
  printf("{\"seconds\": %.6f, \"cpuSeconds\": %.6f, \"finalLoss\": %.17g}\n", best, bestCpu, loss);
  return 0;
}
