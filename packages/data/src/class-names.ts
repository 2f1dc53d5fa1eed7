// Class names of the image datasets @gantry/data/node reads, in label order (index = label), so a
// page can name a label without the Node-only readers. Fashion-MNIST: Xiao et al. 2017; CIFAR-10: Krizhevsky 2009.
export const FASHION_MNIST_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"] as const;
export const CIFAR10_CLASSES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"] as const;
