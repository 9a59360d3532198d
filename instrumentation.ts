// Runs once when a server process starts. The Node-only work lives in instrumentation-node.ts so the
// edge bundle never sees process.exit.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./instrumentation-node');
}
