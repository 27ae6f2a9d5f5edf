import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/data/csv.js';
import { CsvTokenizer } from '../../src/data/csv-tokenizer.js';
import { RandomGenerator } from '../../src/random/generator.js';
import { attempt, caseCount, fuzzSeed, mutate } from './mutate.js';

const SEED_CSV = [
  'rooms,city,"note, with comma",price',
  '3,Paris,"said ""hi""",300.5',
  '2,Lyon,,150',
  '\r\n4, Paris ,"two\nlines",420',
  '1,Nice,x,1e2',
  '',
].join('\n');

/** The records of `text` and how it ended, tokenized from chunks cut at `cuts`. */
function tokens(text: string, cuts: number[]): string {
  const records: string[] = [];
  try {
    const tokenizer = new CsvTokenizer(',', (record, line) => records.push(`${line}:${JSON.stringify(record)}`));
    let from = 0;
    for (const cut of [...cuts, text.length]) {
      tokenizer.push(text.slice(from, cut));
      from = cut;
    }
    tokenizer.end();
    return records.join('|');
  } catch (error) {
    return `${records.join('|')} ! ${(error as Error).message}`;
  }
}

describe('fuzz: CSV', () => {
  it('mutated CSV text gives a typed error or a finite table, the same whatever the chunking', () => {
    const original = new TextEncoder().encode(SEED_CSV);
    const decoder = new TextDecoder();
    const cases = caseCount(4000);
    const seed = fuzzSeed();
    const random = new RandomGenerator(seed);
    const tasks = [
      { target: 'price', task: 'regression' },
      { target: 'city', task: 'classification' },
      { target: 'rooms', task: 'auto' },
    ] as const;
    const counts = { refused: 0, loaded: 0 };
    for (let c = 0; c < cases; c++) {
      const mutant = mutate(original, random);
      const text = decoder.decode(mutant.bytes);
      const label = `seed ${seed}, case ${c} (${mutant.kind} at ${mutant.first})`;
      const outcome = attempt(label, () => parseCsv(text, tasks[c % tasks.length], 'fuzz.csv'));
      if (outcome.ok) {
        counts.loaded++;
        const { x, y } = outcome.value as ReturnType<typeof parseCsv>;
        expect(x.data.every(Number.isFinite), label).toBe(true);
        expect(y.shape[0], label).toBe(x.shape[0]);
      } else {
        counts.refused++;
        expect(outcome.error.message.startsWith('fuzz.csv: ') || outcome.error.message.startsWith('loadCsv: '), label).toBe(true);
      }
      const cuts = [random.random(), random.random(), random.random()].map((u) => Math.floor(u * text.length)).sort((a, b) => a - b);
      expect(tokens(text, cuts), label).toBe(tokens(text, []));
    }
    if (process.env.FUZZ_CASES !== undefined) console.log(`CSV: ${cases} cases, seed ${seed}:`, counts);
  });
});
