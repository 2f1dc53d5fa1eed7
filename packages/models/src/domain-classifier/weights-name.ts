// The committed weights' file name in the package's weights/ folder (shipped in `files`).
export const DOMAIN_CLASSIFIER_WEIGHTS = "domain-classifier.safetensors";
