import { randomUUID } from 'node:crypto';
import type { TCurriculum, TModule, TStoredCurriculum, TStoredModule } from './schemas';

/** Gives a generated module and its lessons stable ids, so progress can refer to them. */
export function withIds(m: TModule, newId: () => string = randomUUID): TStoredModule {
  return { ...m, id: newId(), lessons: m.lessons.map((l) => ({ ...l, id: newId() })) };
}

export function curriculumWithIds(c: TCurriculum, newId: () => string = randomUUID): TStoredCurriculum {
  return { ...c, modules: c.modules.map((m) => withIds(m, newId)) };
}
