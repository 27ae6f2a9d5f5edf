/** The package version (kept equal to package.json's by a test); exporters stamp it into files. */
export const VERSION = '0.1.0';
