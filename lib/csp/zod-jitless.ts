// zod 4 compiles object parsers with `new Function()` when it may, after probing for it once; in the browser our
// Content-Security-Policy has no 'unsafe-eval', so that probe is a reported violation. Parsing gives the same
// results without the compiled path. Servers keep it (no CSP applies to Node).
import { config } from 'zod/v4/core';

if (typeof window !== 'undefined') config({ jitless: true });
