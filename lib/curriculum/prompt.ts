import { z } from 'zod';
import { ZCurriculum, type TCurriculumRequest } from './schemas';

/** The JSON schema the model is asked to follow: derived from ZCurriculum, never written twice. */
export const curriculumJsonSchema = () => z.toJSONSchema(ZCurriculum, { target: 'draft-7', io: 'output' }) as Record<string, unknown>;

export function buildMessages(req: TCurriculumRequest, budgetMinutes: number, weeks: number) {
  return [
    {
      role: 'system' as const,
      content:
        'You design practical self-study curricula. Answer with one JSON object that follows the given JSON schema exactly. ' +
        'Progress from foundations to practice and end with a capstone module whose checkpoint is a project. ' +
        'Other modules end with a quiz of 3 to 6 questions (answerIndex is 0-based, with an explanation). ' +
        'Resources must be real, well-known URLs. Each module lists 1-8 short topics.',
    },
    {
      role: 'user' as const,
      content: [
        `Goal: ${req.goal}`,
        `Current level: ${req.level}`,
        req.background ? `Background: ${req.background}` : null,
        `Time: ${req.hoursPerWeek} hours per week for ${weeks} weeks. The lessons' estimatedMinutes must add up to ${budgetMinutes} minutes (within ±10%), and each module's estimatedHours must equal its lessons' minutes / 60.`,
        `Preferred material: ${req.materials.join(', ')}.`,
        `Write everything in ${req.language}.`,
      ]
        .filter(Boolean)
        .join('\n'),
    },
  ];
}
