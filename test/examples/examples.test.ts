import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs an example the way the README says (npx tsx examples/…) and returns what it printed. */
function run(example: string, ...args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', `examples/${example}`, ...args], { encoding: 'utf8' });
}

describe('examples print what the seeds print', () => {
  it('forward-pass.ts: the book\'s neuron, layer and batch outputs', () => {
    const out = run('forward-pass.ts');
    expect(out).toContain('neuron: 4.8000');
    expect(out).toContain('layer: [ 4.8, 1.21, 2.385 ]');
    expect(out).toContain('[ 0.5031, -1.04185, -2.03875 ]');
  });

  it('spiral-forward.ts: seed 001 dense, ReLU and softmax rows, loss and accuracy', () => {
    const out = run('spiral-forward.ts');
    expect(out).toContain('-1.11171044e-4 -5.11007493e-5 -1.12099799e-4');
    expect(out).toContain('-3.49893759e-4 -3.07208364e-4 -4.33002861e-4');
    expect(out).toContain('1.35205803e-4 1.81731157e-5 0.00000000e+0');
    expect(out).toContain('0.33333322 0.33333343 0.33333334');
    expect(out).toContain('cross-entropy: 0.38506088005216804');
    expect(out).toContain('acc: 0.6666666666666666');
  });

  it('spiral-adam.ts trains and prints the book\'s progress lines', () => {
    const out = run('spiral-adam.ts', '200');
    expect(out).toMatch(/^epoch: 100, acc: 0\.\d{3}, loss: \d\.\d{3} \(data_loss: \d\.\d{3}, reg_loss: 0\.000\), lr: 0\.0499/m);
    expect(out).toMatch(/^validation, acc: 0\.\d{3}, loss: \d\.\d{3}$/m);
  });

  it('fashion-mnist-cnn.ts builds W4, prints each layer\'s shape, trains and evaluates on images', () => {
    const out = run('fashion-mnist-cnn.ts', '1', '256');
    expect(out).toContain('3   Conv2D(16→32, 3×3)  [batch, 11, 11, 32]    4,640');
    expect(out).toContain('6   Flatten             [batch, 800]               0');
    expect(out).toContain('total parameters: 108,618');
    expect(out).toMatch(/^epoch 1: \d+\.\d s, acc 0\.\d{3}, loss \d\.\d{3}, test acc 0\.\d{4}, loss \d\.\d{3}$/m);
    expect(out).toMatch(/^1 epochs on 256 images in \d+\.\d s$/m);
  });
});
