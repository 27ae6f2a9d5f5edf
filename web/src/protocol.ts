/**
 * Messages between the page and the training worker. Everything is
 * structured-clone friendly; big arrays travel as transferred typed arrays.
 */
import type { PlaygroundConfig } from './config.js';
import type { HistoryPoint, ModelSpec } from '../../src/index.js';

/** One epoch's numbers, as the model's history reports them (and a model file records them). */
export type EpochPoint = HistoryPoint;

/** The data the worker generated: points for the scatter and the forward-pass panel. */
export interface DatasetView {
  kind: 'classification' | 'regression';
  classes: number;
  /** Features, row-major [n, 2] (classification) or [n, 1] (regression). */
  x: Float32Array;
  /** Class ids (classification) or targets (regression), length n. */
  y: Float32Array;
  features: number;
  /** Plot window: [xMin, xMax, yMin, yMax]. */
  bounds: [number, number, number, number];
}

/** A layer as the diagram and the forward panel show it. */
export interface LayerView {
  type: string;
  /** Dense: weights [inputs, units] row-major, and biases. */
  weights?: Float32Array;
  biases?: Float32Array;
  inputs?: number;
  units?: number;
}

/** What the views draw after some epochs. */
export interface Snapshot {
  epoch: number;
  /** Classification: class probabilities on a grid×grid lattice over bounds, row 0 at the top. */
  grid?: { size: number; probabilities: Float32Array };
  /** Regression: predictions at `curveX`. */
  curve?: { x: Float32Array; y: Float32Array };
  layers: LayerView[];
  /** The selected sample's forward pass: its input and each layer's output. */
  forward: { index: number; input: Float32Array; outputs: Float32Array[]; target: number };
}

export type ToWorker =
  | { type: 'configure'; config: PlaygroundConfig }
  | { type: 'train'; epochs: number }
  | { type: 'pause' }
  /** The page drew the latest snapshot it received and can take another (see SnapshotPacer). */
  | { type: 'drawn' }
  | { type: 'step' }
  | { type: 'select'; index: number }
  /** `epochs`: the page's Epochs setting, recorded in the file with the other settings. */
  | { type: 'save'; epochs: number }
  | { type: 'load'; bytes: Uint8Array<ArrayBuffer> };

export type FromWorker =
  | {
      type: 'ready';
      config: PlaygroundConfig;
      spec: ModelSpec;
      summary: string;
      train: DatasetView;
      backend: string;
      /** Whether this build can save and load `.safetensors` model files. */
      modelFiles: boolean;
      /** Set when a loaded model replaced the configured one. */
      loaded?: boolean;
      /** The epochs the model has trained (a loaded file's count) and their curves, as far as the file records them. */
      epoch: number;
      history: EpochPoint[];
    }
  | { type: 'progress'; points: EpochPoint[] }
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'state'; running: boolean; epoch: number; trainSeconds: number }
  | { type: 'model'; bytes: Uint8Array<ArrayBuffer>; fileName: string }
  | { type: 'error'; message: string };
