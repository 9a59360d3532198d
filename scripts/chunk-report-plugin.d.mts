import type { Compiler } from 'webpack';

export declare class ChunkReportPlugin {
  constructor(outDir: string);
  apply(compiler: Compiler): void;
}
