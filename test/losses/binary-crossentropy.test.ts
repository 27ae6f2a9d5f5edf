import { describe, expect, it } from 'vitest';
import { BinaryCrossentropy } from '../../src/losses/binary-crossentropy.js';
import { Tensor } from '../../src/tensor/tensor.js';

const f64 = (shape: number[], values: number[]): Tensor => new Tensor(shape, new Float64Array(values));


