import { describe, expect, it } from 'vitest';
import { readTrainingHistory, recordTrainingHistory } from '../../src/model/training-history.js';

const point = (epoch: number, validation = true) => ({
  epoch, loss: 1 / epoch, accuracy: epoch / 10, learningRate: 0.05,
  ...(validation ? { validationLoss: 2 / epoch, validationAccuracy: epoch / 20 } : {}),
});

describe('recordTrainingHistory / readTrainingHistory', () => {
  it('records the curves as columns in metadata and reads them back epoch by epoch', () => {
    const metadata = recordTrainingHistory({ dataset: 'spiral' }, [point(1), point(2)]);
    expect(metadata).toEqual({
      dataset: 'spiral',
      history: {
        epoch: [1, 2], loss: [1, 0.5], accuracy: [0.1, 0.2], learningRate: [0.05, 0.05],
        validationLoss: [2, 1], validationAccuracy: [0.05, 0.1],
      },
    });
    expect(readTrainingHistory(JSON.parse(JSON.stringify(metadata)) as Record<string, unknown>)).toEqual([point(1), point(2)]);
    expect(readTrainingHistory({})).toBeUndefined();
  });

  it('appends later epochs, replaces the ones a resumed run trains again, and keeps NaN and missing validation as null', () => {
    const first = recordTrainingHistory({}, [point(1), point(2), point(3)]);
    const resumed = recordTrainingHistory(first, [point(3, false), { ...point(4, false), accuracy: Number.NaN }]);
    expect(resumed.history).toMatchObject({ epoch: [1, 2, 3, 4], accuracy: [0.1, 0.2, 0.3, null], validationLoss: [2, 1, null, null] });
    const read = readTrainingHistory(resumed)!;
    expect(read[2]).toEqual(point(3, false));
    expect(read[3].accuracy).toBeNaN();
  });

  it('refuses a malformed record, naming the column', () => {
    const history = { epoch: [1, 2], loss: [1, 1], accuracy: [1, 1], learningRate: [1, 1], validationLoss: [null, null], validationAccuracy: [null, null] };
    expect(() => readTrainingHistory({ history: [] })).toThrow('model metadata "history": must be an object of columns');
    expect(() => readTrainingHistory({ history: { ...history, loss: [1] } })).toThrow(
      'model metadata "history": loss must be an array of 2 values, like epoch',
    );
    expect(() => readTrainingHistory({ history: { ...history, accuracy: ['x', 1] } })).toThrow('model metadata "history": accuracy must hold numbers or null');
    expect(() => readTrainingHistory({ history: { ...history, epoch: [2, 2] } })).toThrow(
      'model metadata "history": epoch must be increasing whole numbers from 1, received 2 at index 1',
    );
  });
});
