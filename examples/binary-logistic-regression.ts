// Seed 001, "Binary Logistic Regression": 2-64-1 with a sigmoid output and binary cross-entropy on 2-class spiral data.
// Run: npx tsx examples/binary-logistic-regression.ts [epochs]
import { init, spiralData, Tensor, Model, Dense, ReLU, Sigmoid, BinaryCrossentropy, Adam, BinaryAccuracy } from '../src/index.js';

init();
const epochs = Number(process.argv[2] ?? 10000);
const [X, labels] = spiralData(100, 2);
// Binary targets are a column of 0/1 values: shape [samples, 1], as the book's y.reshape(-1, 1).
const y = new Tensor([labels.size, 1], Float32Array.from(labels.data));
const [Xtest, testLabels] = spiralData(100, 2);
const ytest = new Tensor([testLabels.size, 1], Float32Array.from(testLabels.data));

const model = new Model();
model.add(new Dense(2, 64, { weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 }));
model.add(new ReLU());
model.add(new Dense(64, 1));
model.add(new Sigmoid());
model.set({ loss: new BinaryCrossentropy(), optimizer: new Adam({ decay: 5e-7 }), accuracy: new BinaryAccuracy() });
await model.train(X, y, { epochs, printEvery: 100, validationData: [Xtest, ytest] });
