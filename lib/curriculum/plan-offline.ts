import { budgetMinutes, planWeeks, type TCurriculum, type TCurriculumRequest, type TLesson, type TModule } from './schemas';

// The offline planner: deterministic, no I/O, a few milliseconds. It cannot know the subject the way a
// model does, so it builds a sound shape (foundations → core → practice → capstone) sized to the
// learner's time budget, and words objectives and checkpoints from the learner's own goal.

const STOP = new Set(
  'a an the and or for to of in on with into my me i be get become learn learning master how pass exam job ready job-ready want would like able using use from by at as is are it this that'.split(
    ' ',
  ),
);

export function goalTopics(goal: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  // Keep the learner's casing ("SQL", "German"); compare without it.
  for (const raw of goal.replace(/[^\p{L}\p{N}+#.\- ]/gu, ' ').split(/\s+/)) {
    const w = raw.replace(/^[.\-]+|[.\-]+$/g, '');
    const key = w.toLowerCase();
    if (w.length > 1 && !STOP.has(key) && !seen.has(key)) {
      seen.add(key);
      out.push(w);
    }
  }
  return out.slice(0, 6);
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The subject in a few words: "Get job-ready in SQL" → "SQL", "Learn Rust for systems programming" → "Rust". */
export function goalSubject(goal: string): string {
  const cleaned = goal.trim().replace(/[.!?]+$/, '');
  const inMatch = cleaned.match(/\b(?:in|with)\s+(.{2,60})$/i);
  if (inMatch) return inMatch[1];
  const core = cleaned
    .replace(
      /^(?:i\s+want\s+to\s+|i'd\s+like\s+to\s+)?(?:learn|master|study|understand|get\s+good\s+at|get\s+better\s+at|improve|pass|become\s+(?:a|an)?)\s+/i,
      '',
    )
    .replace(/^(?:the|a|an|my)\s+/i, '')
    .split(/\s+(?:for|to|so|because|by|within|before)\s+/i)[0]
    .trim();
  if (core.length >= 2) return core.slice(0, 60);
  const topics = goalTopics(goal);
  return topics.length ? topics.slice(0, 3).map(cap).join(' ') : cleaned.slice(0, 60);
}

/** About one module per 8 hours, between 3 and 16. */
export const moduleCountFor = (budgetMinutes: number) => Math.min(16, Math.max(3, Math.round(budgetMinutes / 60 / 8)));

type TPhase = { key: 'foundations' | 'core' | 'practice' | 'capstone'; weight: number };

function phasesFor(n: number): TPhase[] {
  return Array.from({ length: n }, (_, i): TPhase => {
    if (i === 0) return { key: 'foundations', weight: 1 };
    if (i === n - 1) return { key: 'capstone', weight: 1.25 };
    if (i >= Math.ceil((n - 1) * 0.6)) return { key: 'practice', weight: 1.1 };
    return { key: 'core', weight: 1 };
  });
}

/** Splits total into integer parts proportional to weights, summing exactly to total. */
export function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map(Math.floor);
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) parts[order[k][1]]++;
  return parts;
}

function objectiveFor(phase: TPhase['key'], j: number, n: number, subject: string, focus: string, lessonName: string): string {
  if (phase === 'capstone') return `${['Plan', 'Build', 'Test and document', 'Present'][j % 4]} a ${subject} project of your own`;
  const verb = j === 0 ? 'Explain' : j === n - 1 ? 'Apply' : 'Practise';
  if (phase === 'foundations') return `${verb} ${subject}: ${lessonName.toLowerCase()}`;
  return `${verb} ${focus} in ${subject}`;
}

const THEMES = [
  'key concepts',
  'core techniques',
  'common patterns',
  'tools and workflow',
  'real-world problems',
  'troubleshooting',
  'quality and performance',
  'sharing your work',
  'advanced topics',
  'review and consolidation',
];

const KIND_BY_MATERIAL = { reading: 'read', video: 'watch', practice: 'practice', projects: 'project' } as const;

function resources(subject: string, focus: string, kind: TLesson['kind']): TLesson['resources'] {
  const q = encodeURIComponent(`${subject} ${focus}`.trim());
  const all: TLesson['resources'] = [
    { title: `${cap(focus)} — reference search`, url: `https://en.wikipedia.org/w/index.php?search=${q}`, type: 'article' },
    { title: `Video walkthroughs: ${focus}`, url: `https://www.youtube.com/results?search_query=${q}`, type: 'video' },
    { title: `Exercises and examples: ${focus}`, url: `https://github.com/search?q=${q}&type=repositories`, type: 'exercise' },
  ];
  const first = kind === 'watch' ? 1 : kind === 'read' ? 0 : 2;
  return [all[first], ...all.filter((_, i) => i !== first)].slice(0, 2);
}

const PHASE_TEXT = {
  foundations: {
    title: (s: string) => `Foundations of ${s}`,
    summary: (s: string, lvl: string) => `The vocabulary, mental model and set-up you need for ${s}, pitched at a ${lvl} learner.`,
    lessons: ['Core vocabulary and mental model', 'Setting up your tools', 'First guided examples', 'Common mistakes and how to spot them'],
  },
  core: {
    title: (s: string, t: string) => `Core ${s}: ${t}`,
    summary: (s: string, _l: string, t: string) => `Work through ${t} in ${s} step by step, with worked examples and short exercises.`,
    lessons: ['Concepts and worked examples', 'Guided exercises', 'Patterns that recur', 'Review and self-test'],
  },
  practice: {
    title: (s: string, t: string) => `Applied practice: ${t}`,
    summary: (s: string, _l: string, t: string) => `Use ${t} on realistic problems in ${s}; build speed and judgement.`,
    lessons: ['Realistic problem set', 'Reading others’ solutions', 'Timed practice', 'Debugging and improving your work'],
  },
  capstone: {
    title: (s: string) => `Capstone: ${s} project`,
    summary: (s: string) => `Plan, build and present a small project that proves what you can now do with ${s}.`,
    lessons: ['Scope and plan the project', 'Build the core', 'Polish, test and document', 'Present and reflect'],
  },
} as const;

function quiz(subject: string, focus: string, seed: number): TModule['checkpoint'] {
  const about = focus.toLowerCase() === subject.toLowerCase() ? subject : `${focus} in ${subject}`;
  const qs = [
    {
      question: `What is the best first step when you meet an unfamiliar problem about ${about}?`,
      choices: [
        'Restate it in your own words and identify the knowns',
        'Search for a finished answer to copy',
        'Skip it and come back never',
        'Guess and move on',
      ],
      answerIndex: 0,
      explanation: `Restating the problem exposes what ${focus} concepts apply before you write anything.`,
    },
    {
      question: `How do you know you understand ${focus}?`,
      choices: [
        'I have read about it once',
        'I can explain it simply and use it on a new example',
        'I watched a video about it',
        'I bookmarked the docs',
      ],
      answerIndex: 1,
      explanation: 'Explaining and applying to an unseen case is the test of understanding; exposure alone is not.',
    },
    {
      question: `Which habit makes practice on ${subject} most effective?`,
      choices: [
        'Long sessions once a month',
        'Only re-reading notes',
        'Short, regular sessions with feedback on mistakes',
        'Avoiding hard exercises',
      ],
      answerIndex: 2,
      explanation: 'Spaced, regular practice with feedback beats cramming and passive review.',
    },
    {
      question: `When a solution involving ${focus} fails, what should you do first?`,
      choices: [
        'Start over from scratch',
        'Ask someone else to fix it',
        'Change several things at once',
        'Reproduce the failure with the smallest example you can',
      ],
      answerIndex: 3,
      explanation: 'A minimal reproduction isolates the cause and teaches you the most.',
    },
  ];
  const count = 3 + (seed % 2);
  return { type: 'quiz', questions: qs.slice(0, count) };
}

/** A deterministic curriculum for the request: the same request and day always give the same plan. */
export function planOffline(req: TCurriculumRequest, today: Date): TCurriculum {
  const weeks = planWeeks(req, today);
  const budget = budgetMinutes(req, today);
  const subject = goalSubject(req.goal);
  const topics = goalTopics(req.goal);
  // Middle modules focus on the goal's other words ("analysis" in "SQL for data analysis"), then on a
  // progression of themes every subject has.
  const subjectWords = new Set(goalTopics(subject).map((w) => w.toLowerCase()));
  const extra = topics.filter((t) => !subjectWords.has(t.toLowerCase()));
  const focusOf = (i: number) => (i < extra.length ? extra[i] : THEMES[(i - extra.length) % THEMES.length]);
  const nModules = moduleCountFor(budget);
  const phases = phasesFor(nModules);
  const moduleMinutes = split(
    budget,
    phases.map((p) => p.weight),
  );
  const kinds = req.materials.map((m) => KIND_BY_MATERIAL[m]);

  const modules: TModule[] = phases.map((phase, i) => {
    const focus = phase.key === 'core' || phase.key === 'practice' ? focusOf(i - 1) : subject;
    const text = PHASE_TEXT[phase.key];
    const mins = moduleMinutes[i];
    const nLessons = Math.min(12, Math.max(2, Math.round(mins / 90)));
    const lessonMinutes = split(
      mins,
      Array.from({ length: nLessons }, () => 1),
    );
    const lessons: TLesson[] = lessonMinutes.map((m, j) => {
      let kind = kinds[(i + j) % kinds.length];
      if (phase.key === 'capstone') kind = kinds.includes('project') ? 'project' : kinds.includes('practice') ? 'practice' : kind;
      const name =
        text.lessons[j % text.lessons.length] +
        (nLessons > text.lessons.length ? ` (part ${Math.floor(j / text.lessons.length) + 1})` : '');
      return {
        title: `${name}${phase.key === 'foundations' || phase.key === 'capstone' ? '' : ` — ${focus}`}`,
        kind,
        objectives: [
          objectiveFor(phase.key, j, nLessons, subject, focus, text.lessons[j % text.lessons.length]),
          `Note one question about ${focus === subject ? subject : `${focus} in ${subject}`} to bring to the next session`,
        ],
        estimatedMinutes: Math.max(5, m),
        resources: resources(subject, focus, kind),
      };
    });
    return {
      title: text.title(cap(subject), focus),
      summary: text.summary(subject, req.level, focus),
      topics: [...new Set([subject, focus].map((t) => t.slice(0, 60)))].slice(0, 3),
      estimatedHours: Math.round((lessons.reduce((s, l) => s + l.estimatedMinutes, 0) / 60) * 100) / 100,
      checkpoint:
        phase.key === 'capstone'
          ? {
              type: 'project',
              brief: `Build something small but real with ${subject} that serves your goal: “${req.goal.trim()}”.`,
              acceptanceCriteria: [
                `Uses at least ${Math.min(3, topics.length || 1)} ideas from earlier modules`,
                'Runs or reads end to end without help',
                'Has a short write-up: what you built, what was hard, what you would do next',
              ],
            }
          : quiz(subject, focus, i),
      lessons,
    };
  });

  return {
    title: `${cap(subject)} in ${weeks} week${weeks === 1 ? '' : 's'}`,
    summary: `${/^(8|11|18)(\D|$)/.test(String(weeks)) ? 'An' : 'A'} ${weeks}-week plan at ${req.hoursPerWeek} h/week for a ${req.level} learner: foundations first, then core topics and applied practice, ending in a capstone project. Goal: ${req.goal.trim()}`,
    prerequisites:
      req.level === 'beginner' ? ['No prior experience needed', 'A computer and a notebook'] : [`Comfort with the basics of ${subject}`],
    outcomes: [
      `Explain the core ideas of ${subject} in your own words`,
      ...topics.slice(0, 3).map((t) => `Use ${t} confidently on new problems`),
      `Finish a capstone project that shows your progress toward: ${req.goal.trim().slice(0, 200)}`,
    ].slice(0, 10),
    modules,
  };
}
