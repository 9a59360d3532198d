import type { TGoalShape } from './atlas/schema';
import type { TCurriculumRequestInput } from './schemas';

// A public sample of goals written for issue #14, the way learners type them: popular atlas subjects and
// goals outside the atlas, in English, German and Spanish, at every level, with and without a background,
// from 1 to 20 hours a week. tests/unit/planner-sample.test.ts plans each one and lints the plan;
// bench/curricula.ts times the planner over them. `subject` is the atlas subject the goal must match
// (null: outside the atlas), `shape` the plan's form.

export type TSampleGoal = {
  request: TCurriculumRequestInput;
  subject: string | null;
  shape: TGoalShape;
  /** The plan must be written in this language (ISO 639-1); 'en' with `fallback` when the planner cannot write the one asked for. */
  language: 'en' | 'de' | 'es';
  fallback?: boolean;
};

const ALL = ['reading', 'video', 'practice', 'projects'] as const;
const goal = (
  text: string,
  subject: string | null,
  shape: TGoalShape,
  o: Partial<TCurriculumRequestInput> & { lang?: 'en' | 'de' | 'es'; fallback?: boolean } = {},
): TSampleGoal => {
  const { lang = 'en', fallback, ...request } = o;
  return {
    request: {
      goal: text,
      level: 'beginner',
      hoursPerWeek: 5,
      weeks: 8,
      materials: [...ALL],
      language: { en: 'English', de: 'Deutsch', es: 'Español' }[lang],
      ...request,
    },
    subject,
    shape,
    language: lang,
    ...(fallback ? { fallback } : {}),
  };
};

export const SAMPLE_GOALS: TSampleGoal[] = [
  // Programming and data
  goal('Learn Python', 'python', 'programming', { hoursPerWeek: 5, weeks: 8 }),
  goal('Get job-ready in SQL', 'sql', 'programming', { hoursPerWeek: 8, weeks: 6, level: 'intermediate' }),
  goal('Master React hooks and state management', 'react', 'programming', {
    level: 'intermediate',
    background: 'I know JavaScript and some HTML',
  }),
  goal('Learn Rust for systems programming', 'rust', 'programming', {
    level: 'intermediate',
    hoursPerWeek: 6,
    weeks: 10,
    background: 'I know C and Python',
  }),
  goal('Learn Go for backend services', 'go', 'programming', { level: 'advanced', hoursPerWeek: 4, weeks: 6 }),
  goal('TypeScript lernen', 'typescript', 'programming', {
    lang: 'de',
    hoursPerWeek: 3,
    weeks: 6,
    background: 'Ich kann schon JavaScript',
  }),
  goal('Aprender JavaScript desde cero', 'javascript', 'programming', { lang: 'es', hoursPerWeek: 6, weeks: 10 }),
  goal('Learn HTML and CSS to build my own website', 'web-html-css', 'programming', {
    hoursPerWeek: 3,
    weeks: 6,
    materials: ['video', 'projects'],
  }),
  goal('Java lernen für die Ausbildung', 'java', 'programming', { lang: 'de', hoursPerWeek: 10, weeks: 12 }),
  goal('Machine learning with scikit-learn', 'machine-learning', 'programming', {
    level: 'intermediate',
    background: 'I know Python and pandas',
    hoursPerWeek: 6,
    weeks: 10,
  }),
  goal('Data analysis with pandas', 'data-analysis-pandas', 'programming', { hoursPerWeek: 4, weeks: 6, background: 'I know Python' }),
  goal('Excel pivot tables and formulas for work', 'excel', 'programming', {
    hoursPerWeek: 2,
    weeks: 4,
    materials: ['reading', 'practice'],
  }),
  // Cloud and DevOps
  goal('Pass the AWS Solutions Architect Associate', 'aws-solutions-architect-associate', 'exam', {
    level: 'intermediate',
    hoursPerWeek: 8,
    weeks: 10,
  }),
  goal('Kubernetes CKA certification', 'kubernetes-cka', 'exam', { level: 'intermediate', hoursPerWeek: 6, weeks: 8 }),
  goal('Docker und Container verstehen', 'docker', 'programming', { lang: 'de', hoursPerWeek: 4, weeks: 5 }),
  goal('Learn Git and GitHub workflows', 'git', 'programming', { hoursPerWeek: 2, weeks: 3 }),
  goal('Linux command line for developers', 'linux-command-line', 'programming', { hoursPerWeek: 3, weeks: 4 }),
  goal('Terraform infrastructure as code', 'terraform', 'programming', { level: 'intermediate', hoursPerWeek: 5, weeks: 6 }),
  // Languages
  goal('Aprender alemán', 'german', 'language', { lang: 'es', hoursPerWeek: 3, weeks: 10 }),
  goal('Learn conversational Spanish for travel', 'spanish', 'language', { hoursPerWeek: 2, weeks: 12 }),
  goal('Französisch auffrischen', 'french', 'language', { lang: 'de', level: 'intermediate', hoursPerWeek: 3, weeks: 8 }),
  goal('Japanisch lernen (JLPT N5)', 'japanese', 'language', { lang: 'de', hoursPerWeek: 5, weeks: 16 }),
  goal('Improve my business English', 'english', 'language', { level: 'advanced', hoursPerWeek: 3, weeks: 6, lang: 'en' }),
  // Maths, science and exams
  goal('Calculus for first-year engineering', 'calculus', 'programming', { hoursPerWeek: 6, weeks: 10 }),
  goal('Estadística para análisis de datos', 'statistics', 'programming', { lang: 'es', hoursPerWeek: 4, weeks: 8 }),
  goal('Prepare for the IELTS Academic, band 7', 'ielts', 'exam', { level: 'intermediate', hoursPerWeek: 6, weeks: 8 }),
  goal('Pass the PMP exam', 'pmp', 'exam', {
    level: 'intermediate',
    hoursPerWeek: 10,
    weeks: 8,
    background: 'Five years as a project coordinator',
  }),
  // Music and art
  goal('Ich möchte Gitarre spielen lernen', 'guitar', 'instrument', { lang: 'de', hoursPerWeek: 3, weeks: 12 }),
  goal('Quiero aprender a tocar el piano', 'piano', 'instrument', { lang: 'es', hoursPerWeek: 4, weeks: 10 }),
  goal('Watercolour painting for relaxation', 'watercolor-painting', 'instrument', {
    hoursPerWeek: 2,
    weeks: 6,
    materials: ['video', 'practice'],
  }),
  goal('Aprender fotografía con mi cámara réflex', 'photography', 'instrument', { lang: 'es', hoursPerWeek: 3, weeks: 6 }),
  // Fitness
  goal('Run a half marathon under 2 hours', 'running', 'training', { hoursPerWeek: 4, weeks: 12, level: 'intermediate' }),
  goal('Krafttraining für Anfänger', 'strength-training', 'training', { lang: 'de', hoursPerWeek: 3, weeks: 8 }),
  // Business, soft skills, finance, home
  goal('Public speaking without fear', 'public-speaking', 'soft-skill', { hoursPerWeek: 2, weeks: 6 }),
  goal('Personal finance: a budget and an emergency fund', 'personal-finance', 'project', { hoursPerWeek: 2, weeks: 4 }),
  goal('Start a vegetable garden on my balcony', 'vegetable-gardening', 'project', { hoursPerWeek: 3, weeks: 8 }),
  // Outside the atlas: the shape from the goal's words, generic steps, search links
  goal('Learn to play the violin', null, 'instrument', { hoursPerWeek: 3, weeks: 8 }),
  goal('Learn Portuguese for a move to Lisbon', null, 'language', { hoursPerWeek: 4, weeks: 12 }),
  goal('Renovate my bathroom', null, 'project', { hoursPerWeek: 6, weeks: 6 }),
  goal('Get better at time management', null, 'soft-skill', { hoursPerWeek: 1, weeks: 4 }),
  goal('Ukulele lernen', null, 'instrument', { lang: 'de', hoursPerWeek: 2, weeks: 6 }),
  goal('Aprender a tejer a crochet', null, 'instrument', { lang: 'es', hoursPerWeek: 2, weeks: 5 }),
  goal('Train for a century bike ride (160 km)', null, 'training', { hoursPerWeek: 6, weeks: 14, level: 'intermediate' }),
  goal('Pass my driving theory test', null, 'exam', { hoursPerWeek: 3, weeks: 3 }),
  goal('Learn Kotlin for Android apps', null, 'programming', {
    level: 'intermediate',
    hoursPerWeek: 20,
    weeks: 26,
    background: 'I know Java',
  }),
  goal('Sauerteigbrot backen lernen', null, 'project', { lang: 'de', hoursPerWeek: 2, weeks: 4 }),
  // A language the offline planner cannot write: English, flagged
  goal('Learn Korean', null, 'language', { language: 'Français', hoursPerWeek: 3, weeks: 8, fallback: true }),
];
