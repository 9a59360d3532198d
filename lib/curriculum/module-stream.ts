// Finds modules as they complete in a streamed JSON curriculum: the moment the closing brace of
// `modules[i]` arrives, that module's text is returned. Pure; fed the accumulated text each time.

export type TModuleScanner = { push(chunk: string): string[] };

export function createModuleScanner(): TModuleScanner {
  let text = '';
  let pos = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let lastKey = '';
  let keyStart = -1;
  let modulesDepth = -1; // depth of the `modules` array once found
  let objectStart = -1;

  return {
    push(chunk: string) {
      text += chunk;
      const done: string[] = [];
      for (; pos < text.length; pos++) {
        const ch = text[pos];
        if (inString) {
          if (escaped) escaped = false;
          else if (ch === '\\') escaped = true;
          else if (ch === '"') {
            inString = false;
            if (keyStart >= 0) {
              lastKey = text.slice(keyStart, pos);
              keyStart = -1;
            }
          }
          continue;
        }
        if (ch === '"') {
          inString = true;
          keyStart = pos + 1;
        } else if (ch === ':') {
          keyStart = -1;
        } else if (ch === '[' || ch === '{') {
          depth++;
          if (ch === '[' && modulesDepth < 0 && lastKey === 'modules' && depth === 2) modulesDepth = depth;
          else if (ch === '{' && modulesDepth > 0 && depth === modulesDepth + 1) objectStart = pos;
        } else if (ch === ']' || ch === '}') {
          if (ch === '}' && modulesDepth > 0 && depth === modulesDepth + 1 && objectStart >= 0) {
            done.push(text.slice(objectStart, pos + 1));
            objectStart = -1;
          }
          if (ch === ']' && depth === modulesDepth) modulesDepth = -2; // the array is over
          depth--;
        } else if (ch === ',') {
          keyStart = -1;
        }
        // a string value after ':' sets keyStart too; only strings followed by ':' matter, and lastKey
        // is only read on '[' right after `"modules":`
      }
      return done;
    },
  };
}
