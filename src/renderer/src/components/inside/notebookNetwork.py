    def forward(self, X):
        """Forward pass — store activations for backprop."""
        self.activations = [X]
        self.z_values = []
        
        for i in range(self.n_layers):
            z = self.activations[-1] @ self.weights[i] + self.biases[i]
            self.z_values.append(z)
            
            # ReLU for hidden layers, sigmoid for output
            if i < self.n_layers - 1:
                a = relu(z)
            else:
                a = sigmoid(z)
            self.activations.append(a)
        
        return self.activations[-1]
    
    def compute_loss(self, y_pred, y_true):
        """Binary cross-entropy loss."""
        m = y_true.shape[0]
        epsilon = 1e-8
        loss = -np.mean(y_true * np.log(y_pred + epsilon) + (1 - y_true) * np.log(1 - y_pred + epsilon))
        return loss
    
    def backward(self, y_true, learning_rate=0.01):
        """Backpropagation — compute gradients and update weights."""
        m = y_true.shape[0]
        
        # Output layer gradient
        delta = self.activations[-1] - y_true  # dL/dz for BCE + sigmoid
        
        for i in range(self.n_layers - 1, -1, -1):
            # Compute gradients
            dW = (self.activations[i].T @ delta) / m
            db = np.mean(delta, axis=0, keepdims=True)
            
            # Propagate to previous layer
            if i > 0:
                delta = (delta @ self.weights[i].T) * relu_derivative(self.z_values[i-1])
            
            # Update weights
            self.weights[i] -= learning_rate * dW
            self.biases[i] -= learning_rate * db
