// ANALYZE=1 npm run build: writes .next/analyze/client-chunks.json — every client chunk with its files and the
// modules inside it (largest first, sizes before minification). bench/first-load-js.mjs measures what a page
// loads; this says what is in it. Wired in next.config.ts only when ANALYZE is set.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class ChunkReportPlugin {
  constructor(outDir) {
    this.outDir = outDir;
  }
  apply(compiler) {
    compiler.hooks.done.tap('ChunkReportPlugin', (stats) => {
      const { chunkGraph, chunks, moduleGraph } = stats.compilation;
      const short = (m) =>
        (m.nameForCondition?.() ?? m.identifier()).replace(/^.*node_modules\//, 'node_modules/').replace(process.cwd() + '/', '');
      const report = [];
      for (const chunk of chunks) {
        const modules = [];
        for (const m of chunkGraph.getChunkModulesIterable(chunk)) {
          const name = short(m);
          // Which of our own files pull a package in: the importers outside node_modules.
          const importedBy = name.startsWith('node_modules/')
            ? [
                ...new Set(
                  [...moduleGraph.getIncomingConnections(m)]
                    .map((c) => c.originModule && short(c.originModule))
                    .filter((n) => n && !n.startsWith('node_modules/')),
                ),
              ]
            : undefined;
          modules.push({ name, size: m.size(), ...(importedBy?.length ? { importedBy } : {}) });
        }
        modules.sort((a, b) => b.size - a.size);
        report.push({
          id: chunk.id,
          groups: [...chunk.groupsIterable].map((g) => g.name ?? g.debugId).slice(0, 40),
          files: [...chunk.files],
          size: modules.reduce((s, m) => s + m.size, 0),
          modules,
        });
      }
      report.sort((a, b) => b.size - a.size);
      mkdirSync(this.outDir, { recursive: true });
      writeFileSync(path.join(this.outDir, 'client-chunks.json'), JSON.stringify(report, null, 1));
    });
  }
}
