// Loaded when the new-curriculum form is first used (curriculum-form.tsx): zod and the schema stay out of the page.
import { zodResolver } from '@hookform/resolvers/zod';
import { ZCurriculumRequest } from '@/lib/curriculum/schemas';

export const curriculumResolver = zodResolver(ZCurriculumRequest);
