import { describe, expect, it } from 'vitest';
import { matchAtlasGoal } from '@/lib/curriculum/get-provider';

// The AI path reads a goal's subject and shape the way the offline planner does (the atlas matcher).
describe('matchAtlasGoal', () => {
  it('names the atlas subject in the plan language, with its shape', () => {
    expect(matchAtlasGoal('Pass the B2 German exam', 'English')).toEqual({ shape: 'language', subject: { id: 'german', name: 'German' } });
    expect(matchAtlasGoal('Pass the B2 German exam', 'Deutsch')).toEqual({ shape: 'language', subject: { id: 'german', name: 'Deutsch' } });
    expect(matchAtlasGoal('Learn SQL for data analysis', 'English')).toEqual({ shape: 'programming', subject: { id: 'sql', name: 'SQL' } });
  });

  it('reads the goals issue #14 found misread: an exam is an exam, a half marathon is training', () => {
    expect(matchAtlasGoal('Pass the AWS Solutions Architect Associate', 'English')).toMatchObject({
      shape: 'exam',
      subject: { id: 'aws-solutions-architect-associate' },
    });
    expect(matchAtlasGoal('Run a half marathon under 2 hours', 'Spanish')).toEqual({
      shape: 'training',
      subject: { id: 'running', name: 'Correr (de 5 km a maratón)' },
    });
  });

  it('gives a goal outside the atlas its shape from its words, and no subject', () => {
    expect(matchAtlasGoal('Run my first ultramarathon in the desert', 'English')).toEqual({ shape: 'training', subject: null });
  });
});
