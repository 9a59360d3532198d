import { subjects as a } from './subjects/index-a';
import { subjects as b } from './subjects/index-b';
import { subjects as core } from './subjects/index-core';

/** Every atlas subject file, unvalidated (lib/curriculum/atlas loads and validates them with ZAtlasSubject). */
export const rawAtlasSubjects: unknown[] = [...core, ...a, ...b];
