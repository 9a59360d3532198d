// The curriculum request's choices, without zod: the form on /learn/new imports these with the page and loads
// the schema (lib/curriculum/schemas.ts) only when it validates (components/curricula/curriculum-resolver.ts).
export const MATERIAL_KINDS = ['reading', 'video', 'practice', 'projects'] as const;
export const LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
