import type { TGoalShape } from '../atlas/schema';
import type { LEVELS } from '../schemas';
import { joinList, plural, withArticle } from './english';
import type { TPlanLanguage } from './language';

// Every learner-facing sentence the offline planner writes itself, in English, German and Spanish. Atlas
// strings (topic names, objectives, practice) come translated from the data files.

export type TLevel = (typeof LEVELS)[number];
/** What a lesson does within its topic; the shape decides which stages a plan uses. */
export type TStage =
  | 'learn'
  | 'practice'
  | 'apply'
  | 'study'
  | 'questions'
  | 'listening'
  | 'reading'
  | 'speaking'
  | 'writing'
  | 'session'
  | 'technique'
  | 'repertoire'
  | 'plan'
  | 'do'
  | 'check'
  | 'rehearse'
  | 'use';

export type TGenericTopic = { name: string; objectives: [string, string]; practice: string };

export type TMessages = {
  shapeLabel: Record<TGoalShape, string>;
  shapeFlow: Record<TGoalShape, string>;
  level: Record<TLevel, string>;
  summary: (o: { weeks: number; sessions: number; minutes: number; level: TLevel; shape: TGoalShape; subject: string | null }) => string;
  stageTitle: Record<TStage, (topic: string, n: number) => string>;
  stageActivity: Record<TStage, string>;
  load: { build: string; recovery: string; taper: string };
  rest: string;
  review: { title: (topics: string) => string; objective: string };
  diagnostic: { title: string; objectives: string[] };
  mock: { title: (n: number) => string; objectives: string[] };
  final: Record<TGoalShape, { title: string; objectives: string[]; criteria: string[] }>;
  reviewWeek: string;
  taper: string;
  part: (name: string, n: number) => string;
  deeper: (name: string) => string;
  and: (next: string) => string;
  concepts: (list: string) => string;
  moduleBrief: (topics: string) => string;
  noPrereq: string;
  assumed: (list: string) => string;
  known: (list: string) => string;
  goalOutcome: (goal: string) => string;
  warnings: { questionsInEnglish: string; notTailored: string; notCovered: (list: string) => string; fallback: (asked: string) => string };
  caveat: { training: string; tooLittleTime: (covered: number, total: number) => string };
  search: { reference: (q: string) => string; video: (q: string) => string };
  generic: Record<TGoalShape, TGenericTopic[]>;
};

const en: TMessages = {
  shapeLabel: {
    exam: 'Exam preparation',
    language: 'Language course',
    programming: 'Course with a project',
    training: 'Training plan',
    instrument: 'Practice routine',
    project: 'Project plan',
    'soft-skill': 'Skill practice',
  },
  shapeFlow: {
    exam: 'A diagnostic test first, then the exam domains one by one, timed mock exams, and a review week at the end.',
    language: 'Short, frequent sessions across listening, reading, speaking and writing, with can-do goals at each step.',
    programming: 'Each topic goes from concepts to guided practice to a small project; a capstone project ends the plan.',
    training:
      'Sessions with a gradually rising load, rest days in between, a lighter week every fourth week, and a taper before the final test.',
    instrument: 'A daily practice routine of technique and repertoire, ending with a recorded performance.',
    project: 'Each step goes plan → do → review, ending with the finished project and a look back.',
    'soft-skill': 'Each topic goes learn → rehearse → apply in a real situation, with feedback.',
  },
  level: { beginner: 'beginner', intermediate: 'intermediate', advanced: 'advanced' },
  summary: ({ weeks, sessions, minutes, level, shape, subject }) =>
    `${withArticle(`${weeks}-week`)} ${subject ? `${subject} plan` : 'plan'} for ${withArticle(level)} learner: ${plural(sessions, 'session')} a week of about ${plural(minutes, 'minute')}. ${en.shapeFlow[shape]}`,
  stageTitle: {
    learn: (t) => `${t}: concepts`,
    practice: (t) => `${t}: guided practice`,
    apply: (t) => `${t}: mini-project`,
    study: (t) => `${t}: study the domain`,
    questions: (t) => `${t}: practice questions`,
    listening: (t) => `Listening: ${t}`,
    reading: (t) => `Reading: ${t}`,
    speaking: (t) => `Speaking: ${t}`,
    writing: (t) => `Writing: ${t}`,
    session: (t, n) => `Session ${n}: ${t}`,
    technique: (t) => `Daily practice: ${t}`,
    repertoire: (t) => `Repertoire: ${t}`,
    plan: (t) => `${t}: plan it`,
    do: (t) => `${t}: do it`,
    check: (t) => `${t}: check the result`,
    rehearse: (t) => `${t}: rehearse`,
    use: (t) => `${t}: apply it for real`,
  },
  stageActivity: {
    learn: 'Read or watch an introduction, then explain the main ideas in your own words',
    practice: 'Work through guided exercises and check each answer before moving on',
    apply: 'Build something small that uses what this topic taught, without following a tutorial',
    study: 'Study this exam domain from the official guide and write a one-page summary',
    questions: 'Answer practice questions on this domain and review every wrong answer',
    listening: 'Listen to a short recording twice: first for the gist, then for details',
    reading: 'Read a short text and look up only the words you cannot guess',
    speaking: 'Speak for two minutes on the topic, record yourself, and listen back',
    writing: 'Write a short text on the topic and correct it with a dictionary or a tutor',
    session: 'Warm up for ten minutes and cool down afterwards',
    technique: 'Warm up, then practise slowly and steadily before speeding up',
    repertoire: 'Play or work on your current piece, section by section, then all the way through',
    plan: 'List the steps, tools and materials, and decide what “done” means',
    do: 'Carry out the next step and note what went differently from the plan',
    check: 'Compare the result with your plan and write down what to change next time',
    rehearse: 'Rehearse with a partner or a recording and note one thing to improve',
    use: 'Use the skill in a real situation this week and ask for feedback',
  },
  load: {
    build: 'Load this week: a little more than last week',
    recovery: 'Load this week: lighter, to recover',
    taper: 'Taper: less volume, keep some intensity, arrive fresh',
  },
  rest: 'Take at least one rest day between hard sessions',
  review: {
    title: (t) => `Review: ${t}`,
    objective: 'Recall the key points without notes, then check them and redo what you missed',
  },
  diagnostic: {
    title: 'Diagnostic test',
    objectives: ['Take a timed practice test under exam conditions', 'Mark the domains where you scored lowest and start with them'],
  },
  mock: {
    title: (n) => `Timed mock exam ${n}`,
    objectives: ['Sit a full mock exam in the official time limit', 'Review every wrong answer and note the domain it belongs to'],
  },
  final: {
    exam: {
      title: 'Final timed mock exam',
      objectives: ['Sit a full mock exam in the official time limit', 'Compare your score with the pass mark and plan the last review'],
      criteria: ['Full mock exam taken in the official time', 'Score at or above the pass mark', 'Every wrong answer reviewed'],
    },
    language: {
      title: 'Final check: the four skills',
      objectives: [
        'Hold a ten-minute conversation on the plan’s topics',
        'Read and listen to one new text each and summarise it',
        'Write a short text and have it corrected',
      ],
      criteria: ['A recorded ten-minute conversation', 'Two summaries of new texts', 'A corrected short text'],
    },
    programming: {
      title: 'Capstone project: build, test and present',
      objectives: ['Build a small project that uses the plan’s main topics', 'Test it, document it and present it in five minutes'],
      criteria: [
        'Runs end to end without help',
        'Uses at least three topics of the plan',
        'A short write-up: what you built, what was hard, what comes next',
      ],
    },
    training: {
      title: 'Final test: race or time trial',
      objectives: ['Complete the target distance or test at your planned pace', 'Record the result and how you felt'],
      criteria: ['Target completed safely', 'Result recorded', 'A recovery plan for the following week'],
    },
    instrument: {
      title: 'Record a performance',
      objectives: ['Perform or finish your repertoire piece from start to end', 'Record it and note two things to improve'],
      criteria: ['A complete recording or finished piece', 'Two strengths and two things to improve, written down'],
    },
    project: {
      title: 'Finish and review the project',
      objectives: ['Finish the project to the standard you set in the plan', 'Review what worked, what did not, and what you would change'],
      criteria: ['The project is finished and usable', 'Photos or notes of the result', 'A short review of what to change next time'],
    },
    'soft-skill': {
      title: 'Apply it for real and review the feedback',
      objectives: ['Use the skill in a real situation that matters to you', 'Collect feedback and compare it with your starting point'],
      criteria: ['One real situation handled with the skill', 'Feedback from at least one person', 'Next steps written down'],
    },
  },
  reviewWeek: 'Review week and final mock exam',
  taper: 'Taper and final test',
  part: (name, n) => `${name} (part ${n})`,
  deeper: (name) => `Deeper practice: ${name}`,
  and: () => 'and',
  concepts: (list) => `Concepts: ${list}.`,
  moduleBrief: (topics) => `Show what you can do after this module (${topics}).`,
  noPrereq: 'No prior experience needed',
  assumed: (list) => `Assumed at your level: ${list}`,
  known: (list) => `Skipped because you know them: ${list}`,
  goalOutcome: (goal) => `Make clear progress toward your goal: ${goal}`,
  warnings: {
    questionsInEnglish: 'Quiz questions are in English.',
    notTailored: 'Topics were not tailored to this subject; links are searches.',
    notCovered: (list) => `Not covered at this pace (extend the plan to continue): ${list}`,
    fallback: (asked) => `The offline planner cannot write ${asked}; this plan is in English.`,
  },
  caveat: {
    training:
      'Check with a doctor before starting if you have a health condition, and stop if you feel pain, dizziness or chest discomfort.',
    tooLittleTime: (covered, total) =>
      `At this pace the plan covers ${covered} of ${plural(total, 'topic')}; more hours a week or more weeks would cover them all.`,
  },
  search: { reference: (q) => `Search (not a curated link): ${q}`, video: (q) => `Video search (not a curated link): ${q}` },
  generic: {
    exam: [
      {
        name: 'Exam format and diagnostic',
        objectives: ['Describe the exam’s sections, timing and scoring', 'Find your weakest areas from a first practice test'],
        practice: 'Take a short practice test and sort your mistakes by area',
      },
      {
        name: 'Weakest areas first',
        objectives: [
          'Explain the ideas behind the questions you missed',
          'Answer practice questions on your weakest area with fewer mistakes',
        ],
        practice: 'Work through practice questions on one weak area and review each answer',
      },
      {
        name: 'Remaining areas',
        objectives: ['Cover every area of the official syllabus at least once', 'Keep an error log with the reason for each mistake'],
        practice: 'Answer a mixed set of questions and add each mistake to your error log',
      },
      {
        name: 'Exam technique and timing',
        objectives: ['Pace yourself to finish a section in the official time', 'Decide when to skip a question and come back to it'],
        practice: 'Do one timed section and compare your pace with the time limit',
      },
    ],
    language: [
      {
        name: 'Sounds and everyday phrases',
        objectives: ['Can greet people, introduce yourself and ask how someone is', 'Can understand and use numbers, days and times'],
        practice: 'Repeat ten everyday phrases after a recording until they come easily',
      },
      {
        name: 'Everyday situations',
        objectives: ['Can order food, buy a ticket and ask for directions', 'Can understand short announcements and signs'],
        practice: 'Act out ordering in a café, with a partner or aloud on your own',
      },
      {
        name: 'Talking about yourself and others',
        objectives: [
          'Can describe your family, work and hobbies in simple sentences',
          'Can ask others about theirs and follow the answers',
        ],
        practice: 'Write and then say five sentences about your week',
      },
      {
        name: 'Past and future',
        objectives: ['Can tell a short story about something that happened', 'Can talk about plans and arrangements'],
        practice: 'Tell what you did last weekend and what you will do next weekend',
      },
    ],
    programming: [
      {
        name: 'Foundations and set-up',
        objectives: [
          'Set up the tools you need and complete a first small exercise',
          'Explain the basic terms you meet in your first sources',
        ],
        practice: 'Follow an official getting-started guide to the end',
      },
      {
        name: 'Core techniques',
        objectives: [
          'Use the core techniques on small exercises without looking up each step',
          'Recognise the common mistakes and fix them',
        ],
        practice: 'Solve five short exercises and compare your answers with a reference',
      },
      {
        name: 'Realistic problems',
        objectives: ['Solve a realistic problem from start to finish', 'Read someone else’s solution and name one thing to adopt'],
        practice: 'Pick a real task of your own and complete it',
      },
      {
        name: 'Going deeper',
        objectives: ['Choose a more advanced technique and use it in practice', 'Explain its trade-offs to someone else'],
        practice: 'Improve an earlier piece of work with a more advanced technique',
      },
    ],
    training: [
      {
        name: 'Base building',
        objectives: ['Complete easy sessions at a conversational effort', 'Build the habit of training on fixed days'],
        practice: 'Easy session at a pace where you could still talk',
      },
      {
        name: 'Building the load',
        objectives: ['Add volume gradually, by about a tenth a week', 'Recover well between sessions'],
        practice: 'One slightly longer session than last week, the others easy',
      },
      {
        name: 'Specific work',
        objectives: ['Do focused sessions at the effort your goal needs', 'Keep the easy sessions easy'],
        practice: 'One harder session with recovery intervals, the others easy',
      },
      {
        name: 'Sharpening',
        objectives: ['Rehearse the goal’s pace or effort for part of the distance', 'Plan what you will eat, drink and wear on the day'],
        practice: 'A session at goal effort for part of the time',
      },
    ],
    instrument: [
      {
        name: 'Set-up and fundamentals',
        objectives: ['Set up your materials or instrument and practise a basic routine', 'Use correct posture or grip from the start'],
        practice: 'Fifteen minutes of basic exercises, slowly and accurately',
      },
      {
        name: 'Technique',
        objectives: ['Practise the basic techniques until they are steady', 'Spot and correct one habit that holds you back'],
        practice: 'Technique exercises, then a short piece using them',
      },
      {
        name: 'First pieces',
        objectives: ['Finish a short piece from start to end', 'Work on the hardest part separately before putting it back together'],
        practice: 'Work on a short piece section by section',
      },
      {
        name: 'Building a repertoire',
        objectives: ['Keep two or three pieces ready to show', 'Add expression and detail to a finished piece'],
        practice: 'Run through your repertoire, then polish one piece',
      },
    ],
    project: [
      {
        name: 'Preparation',
        objectives: ['Write down the steps, tools, materials and costs', 'Decide what the finished result must look like'],
        practice: 'Make a checklist and gather what you need',
      },
      {
        name: 'Techniques',
        objectives: ['Practise each new technique on a small test piece first', 'Know the safety rules for your tools and materials'],
        practice: 'Try the technique on a small test piece',
      },
      {
        name: 'The main work',
        objectives: ['Carry out the main steps in order', 'Check the work after each step before moving on'],
        practice: 'Complete the next step of the project',
      },
      {
        name: 'Finishing touches',
        objectives: ['Finish the details to the standard you set', 'Note what you would do differently next time'],
        practice: 'Finish, clean up and photograph the result',
      },
    ],
    'soft-skill': [
      {
        name: 'What good looks like',
        objectives: ['Describe what good looks like in this skill', 'Rate where you are now with a concrete example'],
        practice: 'Write down a recent situation and how you handled it',
      },
      {
        name: 'Good examples',
        objectives: ['Identify what skilled people do differently', 'Pick two techniques to try yourself'],
        practice: 'Watch or read two good examples and note the techniques',
      },
      {
        name: 'Practice with a partner',
        objectives: ['Rehearse the techniques in a safe setting', 'Get feedback and adjust'],
        practice: 'Role-play a situation with a partner or a recording',
      },
      {
        name: 'Real situations',
        objectives: ['Use the techniques in real situations', 'Reflect on what worked and what to change'],
        practice: 'Use one technique in a real conversation this week',
      },
    ],
  },
};

const de: TMessages = {
  shapeLabel: {
    exam: 'Prüfungsvorbereitung',
    language: 'Sprachkurs',
    programming: 'Kurs mit Projekt',
    training: 'Trainingsplan',
    instrument: 'Übungsplan',
    project: 'Projektplan',
    'soft-skill': 'Kompetenztraining',
  },
  shapeFlow: {
    exam: 'Zuerst ein Einstufungstest, dann die Prüfungsbereiche nacheinander, Probeprüfungen auf Zeit und am Ende eine Wiederholungswoche.',
    language: 'Kurze, häufige Einheiten in Hören, Lesen, Sprechen und Schreiben, mit Kann-Zielen bei jedem Schritt.',
    programming:
      'Jedes Thema führt von den Konzepten über angeleitete Übungen zu einem kleinen Projekt; ein Abschlussprojekt beendet den Plan.',
    training:
      'Einheiten mit langsam steigender Belastung, Ruhetage dazwischen, jede vierte Woche leichter und vor dem Abschlusstest ein Tapering.',
    instrument: 'Eine tägliche Übungsroutine aus Technik und Repertoire, am Ende eine aufgenommene Darbietung.',
    project: 'Jeder Schritt folgt Planen → Umsetzen → Prüfen, am Ende steht das fertige Projekt mit einem Rückblick.',
    'soft-skill': 'Jedes Thema folgt Lernen → Üben → Anwenden in einer echten Situation, mit Rückmeldung.',
  },
  level: { beginner: 'Einsteiger', intermediate: 'Mittelstufe', advanced: 'Fortgeschrittene' },
  summary: ({ weeks, sessions, minutes, level, shape, subject }) =>
    `${subject ? `${subject}: ein Plan` : 'Ein Plan'} über ${weeks} ${weeks === 1 ? 'Woche' : 'Wochen'} (Niveau: ${de.level[level]}), ${sessions} ${sessions === 1 ? 'Einheit' : 'Einheiten'} pro Woche zu je etwa ${minutes} ${minutes === 1 ? 'Minute' : 'Minuten'}. ${de.shapeFlow[shape]}`,
  stageTitle: {
    learn: (t) => `${t}: Konzepte`,
    practice: (t) => `${t}: angeleitete Übung`,
    apply: (t) => `${t}: Mini-Projekt`,
    study: (t) => `${t}: Prüfungsbereich lernen`,
    questions: (t) => `${t}: Übungsfragen`,
    listening: (t) => `Hören: ${t}`,
    reading: (t) => `Lesen: ${t}`,
    speaking: (t) => `Sprechen: ${t}`,
    writing: (t) => `Schreiben: ${t}`,
    session: (t, n) => `Einheit ${n}: ${t}`,
    technique: (t) => `Tägliche Übung: ${t}`,
    repertoire: (t) => `Repertoire: ${t}`,
    plan: (t) => `${t}: planen`,
    do: (t) => `${t}: umsetzen`,
    check: (t) => `${t}: Ergebnis prüfen`,
    rehearse: (t) => `${t}: üben`,
    use: (t) => `${t}: im Ernstfall anwenden`,
  },
  stageActivity: {
    learn: 'Eine Einführung lesen oder ansehen und die Hauptideen in eigenen Worten erklären',
    practice: 'Angeleitete Übungen durcharbeiten und jede Antwort prüfen, bevor es weitergeht',
    apply: 'Etwas Kleines bauen, das das Gelernte nutzt, ohne einer Anleitung zu folgen',
    study: 'Diesen Prüfungsbereich mit dem offiziellen Leitfaden lernen und eine Seite Zusammenfassung schreiben',
    questions: 'Übungsfragen zu diesem Bereich beantworten und jede falsche Antwort nacharbeiten',
    listening: 'Eine kurze Aufnahme zweimal hören: zuerst für den Gesamtsinn, dann für Details',
    reading: 'Einen kurzen Text lesen und nur die Wörter nachschlagen, die sich nicht erraten lassen',
    speaking: 'Zwei Minuten zum Thema sprechen, sich aufnehmen und anhören',
    writing: 'Einen kurzen Text zum Thema schreiben und mit Wörterbuch oder Lehrkraft korrigieren',
    session: 'Zehn Minuten aufwärmen und danach abwärmen',
    technique: 'Aufwärmen, dann langsam und gleichmäßig üben, bevor das Tempo steigt',
    repertoire: 'Am aktuellen Stück arbeiten, Abschnitt für Abschnitt, dann ganz durch',
    plan: 'Schritte, Werkzeuge und Material auflisten und festlegen, wann es „fertig“ ist',
    do: 'Den nächsten Schritt umsetzen und notieren, was anders lief als geplant',
    check: 'Das Ergebnis mit dem Plan vergleichen und notieren, was beim nächsten Mal anders wird',
    rehearse: 'Mit einem Partner oder einer Aufnahme üben und einen Punkt zum Verbessern notieren',
    use: 'Die Fähigkeit diese Woche in einer echten Situation einsetzen und um Rückmeldung bitten',
  },
  load: {
    build: 'Belastung diese Woche: etwas mehr als letzte Woche',
    recovery: 'Belastung diese Woche: leichter, zur Erholung',
    taper: 'Tapering: weniger Umfang, etwas Intensität halten, ausgeruht ankommen',
  },
  rest: 'Zwischen harten Einheiten mindestens einen Ruhetag einlegen',
  review: {
    title: (t) => `Wiederholung: ${t}`,
    objective: 'Die Kernpunkte ohne Notizen abrufen, dann prüfen und Verpasstes nachholen',
  },
  diagnostic: {
    title: 'Einstufungstest',
    objectives: [
      'Einen Übungstest unter Prüfungsbedingungen auf Zeit schreiben',
      'Die Bereiche mit den wenigsten Punkten markieren und mit ihnen beginnen',
    ],
  },
  mock: {
    title: (n) => `Probeprüfung auf Zeit ${n}`,
    objectives: [
      'Eine vollständige Probeprüfung in der offiziellen Zeit schreiben',
      'Jede falsche Antwort nacharbeiten und ihrem Bereich zuordnen',
    ],
  },
  final: {
    exam: {
      title: 'Letzte Probeprüfung auf Zeit',
      objectives: [
        'Eine vollständige Probeprüfung in der offiziellen Zeit schreiben',
        'Das Ergebnis mit der Bestehensgrenze vergleichen und die letzte Wiederholung planen',
      ],
      criteria: [
        'Vollständige Probeprüfung in der offiziellen Zeit',
        'Ergebnis auf oder über der Bestehensgrenze',
        'Jede falsche Antwort nachgearbeitet',
      ],
    },
    language: {
      title: 'Abschlusscheck: die vier Fertigkeiten',
      objectives: [
        'Ein zehnminütiges Gespräch über die Themen des Plans führen',
        'Je einen neuen Text lesen und hören und zusammenfassen',
        'Einen kurzen Text schreiben und korrigieren lassen',
      ],
      criteria: ['Ein aufgenommenes Gespräch von zehn Minuten', 'Zwei Zusammenfassungen neuer Texte', 'Ein korrigierter kurzer Text'],
    },
    programming: {
      title: 'Abschlussprojekt: bauen, testen und vorstellen',
      objectives: [
        'Ein kleines Projekt bauen, das die Hauptthemen des Plans nutzt',
        'Es testen, dokumentieren und in fünf Minuten vorstellen',
      ],
      criteria: [
        'Läuft ohne Hilfe von Anfang bis Ende',
        'Nutzt mindestens drei Themen des Plans',
        'Eine kurze Beschreibung: was gebaut wurde, was schwer war, was als Nächstes kommt',
      ],
    },
    training: {
      title: 'Abschlusstest: Wettkampf oder Zeitlauf',
      objectives: ['Die Zieldistanz oder den Test im geplanten Tempo absolvieren', 'Ergebnis und Befinden notieren'],
      criteria: ['Ziel sicher erreicht', 'Ergebnis notiert', 'Ein Erholungsplan für die Woche danach'],
    },
    instrument: {
      title: 'Eine Darbietung aufnehmen',
      objectives: ['Das Repertoirestück von Anfang bis Ende spielen oder fertigstellen', 'Es aufnehmen und zwei Verbesserungen notieren'],
      criteria: ['Eine vollständige Aufnahme oder ein fertiges Werk', 'Zwei Stärken und zwei Verbesserungen notiert'],
    },
    project: {
      title: 'Projekt abschließen und auswerten',
      objectives: [
        'Das Projekt nach dem im Plan festgelegten Maßstab fertigstellen',
        'Auswerten, was funktioniert hat, was nicht und was sich ändern sollte',
      ],
      criteria: [
        'Das Projekt ist fertig und nutzbar',
        'Fotos oder Notizen vom Ergebnis',
        'Ein kurzer Rückblick mit Änderungen fürs nächste Mal',
      ],
    },
    'soft-skill': {
      title: 'Im Ernstfall anwenden und Rückmeldung auswerten',
      objectives: [
        'Die Fähigkeit in einer echten, wichtigen Situation einsetzen',
        'Rückmeldung einholen und mit dem Ausgangspunkt vergleichen',
      ],
      criteria: [
        'Eine echte Situation mit der Fähigkeit gemeistert',
        'Rückmeldung von mindestens einer Person',
        'Nächste Schritte notiert',
      ],
    },
  },
  reviewWeek: 'Wiederholungswoche und letzte Probeprüfung',
  taper: 'Tapering und Abschlusstest',
  part: (name, n) => `${name} (Teil ${n})`,
  deeper: (name) => `Vertiefung: ${name}`,
  and: () => 'und',
  concepts: (list) => `Konzepte: ${list}.`,
  moduleBrief: (topics) => `Zeige, was du nach diesem Modul kannst (${topics}).`,
  noPrereq: 'Keine Vorkenntnisse nötig',
  assumed: (list) => `Auf deinem Niveau vorausgesetzt: ${list}`,
  known: (list) => `Übersprungen, weil du sie kennst: ${list}`,
  goalOutcome: (goal) => `Deinem Ziel deutlich näherkommen: ${goal}`,
  warnings: {
    questionsInEnglish: 'Die Quizfragen sind auf Englisch.',
    notTailored: 'Die Themen sind nicht auf dieses Fach zugeschnitten; die Links sind Suchen.',
    notCovered: (list) => `In diesem Tempo nicht enthalten (Plan verlängern, um weiterzumachen): ${list}`,
    fallback: (asked) => `Der Offline-Planer kann nicht auf ${asked} schreiben; dieser Plan ist auf Englisch.`,
  },
  caveat: {
    training:
      'Bei gesundheitlichen Problemen vor dem Start ärztlich abklären lassen, und bei Schmerzen, Schwindel oder Brustbeschwerden sofort aufhören.',
    tooLittleTime: (covered, total) =>
      `In diesem Tempo deckt der Plan ${covered} von ${total} Themen ab; mehr Stunden pro Woche oder mehr Wochen würden alle abdecken.`,
  },
  search: { reference: (q) => `Suche (kein geprüfter Link): ${q}`, video: (q) => `Videosuche (kein geprüfter Link): ${q}` },
  generic: {
    exam: [
      {
        name: 'Prüfungsformat und Einstufung',
        objectives: ['Teile, Zeiten und Bewertung der Prüfung beschreiben', 'Die schwächsten Bereiche mit einem ersten Übungstest finden'],
        practice: 'Einen kurzen Übungstest machen und die Fehler nach Bereichen ordnen',
      },
      {
        name: 'Schwächste Bereiche zuerst',
        objectives: [
          'Die Ideen hinter den falsch beantworteten Fragen erklären',
          'Übungsfragen zum schwächsten Bereich mit weniger Fehlern beantworten',
        ],
        practice: 'Übungsfragen zu einem schwachen Bereich bearbeiten und jede Antwort prüfen',
      },
      {
        name: 'Übrige Bereiche',
        objectives: [
          'Jeden Bereich des offiziellen Lehrplans mindestens einmal abdecken',
          'Ein Fehlerprotokoll mit dem Grund jedes Fehlers führen',
        ],
        practice: 'Gemischte Fragen beantworten und jeden Fehler ins Fehlerprotokoll eintragen',
      },
      {
        name: 'Prüfungstechnik und Zeiteinteilung',
        objectives: [
          'Einen Prüfungsteil in der offiziellen Zeit schaffen',
          'Entscheiden, wann eine Frage übersprungen und später bearbeitet wird',
        ],
        practice: 'Einen Teil auf Zeit bearbeiten und das Tempo mit der Zeitvorgabe vergleichen',
      },
    ],
    language: [
      {
        name: 'Laute und Alltagsausdrücke',
        objectives: [
          'Kann Leute begrüßen, sich vorstellen und nach dem Befinden fragen',
          'Kann Zahlen, Wochentage und Uhrzeiten verstehen und verwenden',
        ],
        practice: 'Zehn Alltagsausdrücke einer Aufnahme nachsprechen, bis sie leicht fallen',
      },
      {
        name: 'Alltagssituationen',
        objectives: ['Kann Essen bestellen, eine Fahrkarte kaufen und nach dem Weg fragen', 'Kann kurze Durchsagen und Schilder verstehen'],
        practice: 'Eine Bestellung im Café durchspielen, mit Partner oder laut allein',
      },
      {
        name: 'Über sich und andere sprechen',
        objectives: [
          'Kann Familie, Arbeit und Hobbys in einfachen Sätzen beschreiben',
          'Kann andere danach fragen und die Antworten verstehen',
        ],
        practice: 'Fünf Sätze über die eigene Woche schreiben und dann sprechen',
      },
      {
        name: 'Vergangenheit und Zukunft',
        objectives: ['Kann kurz erzählen, was passiert ist', 'Kann über Pläne und Verabredungen sprechen'],
        practice: 'Erzählen, was am letzten Wochenende war und was am nächsten geplant ist',
      },
    ],
    programming: [
      {
        name: 'Grundlagen und Einrichtung',
        objectives: [
          'Die nötigen Werkzeuge einrichten und eine erste kleine Übung abschließen',
          'Die Grundbegriffe aus den ersten Quellen erklären',
        ],
        practice: 'Eine offizielle Einstiegsanleitung bis zum Ende durcharbeiten',
      },
      {
        name: 'Kerntechniken',
        objectives: ['Die Kerntechniken in kleinen Übungen ohne Nachschlagen anwenden', 'Häufige Fehler erkennen und beheben'],
        practice: 'Fünf kurze Übungen lösen und mit einer Referenz vergleichen',
      },
      {
        name: 'Realistische Aufgaben',
        objectives: ['Eine realistische Aufgabe von Anfang bis Ende lösen', 'Eine fremde Lösung lesen und eine Idee daraus übernehmen'],
        practice: 'Eine echte eigene Aufgabe auswählen und erledigen',
      },
      {
        name: 'Vertiefung',
        objectives: ['Eine fortgeschrittene Technik auswählen und praktisch anwenden', 'Ihre Vor- und Nachteile jemandem erklären'],
        practice: 'Eine frühere Arbeit mit einer fortgeschrittenen Technik verbessern',
      },
    ],
    training: [
      {
        name: 'Grundlagenausdauer',
        objectives: ['Lockere Einheiten in Gesprächstempo absolvieren', 'Feste Trainingstage zur Gewohnheit machen'],
        practice: 'Lockere Einheit in einem Tempo, bei dem du noch sprechen kannst',
      },
      {
        name: 'Belastung steigern',
        objectives: ['Den Umfang langsam steigern, etwa um ein Zehntel pro Woche', 'Sich zwischen den Einheiten gut erholen'],
        practice: 'Eine etwas längere Einheit als letzte Woche, die anderen locker',
      },
      {
        name: 'Gezieltes Training',
        objectives: [
          'Gezielte Einheiten in der Intensität absolvieren, die das Ziel verlangt',
          'Die lockeren Einheiten wirklich locker halten',
        ],
        practice: 'Eine härtere Einheit mit Erholungspausen, die anderen locker',
      },
      {
        name: 'Feinschliff',
        objectives: ['Tempo oder Intensität des Ziels für einen Teil der Strecke üben', 'Essen, Trinken und Ausrüstung für den Tag planen'],
        practice: 'Eine Einheit teilweise in Zielintensität',
      },
    ],
    instrument: [
      {
        name: 'Einrichtung und Grundlagen',
        objectives: [
          'Material oder Instrument einrichten und eine Grundroutine üben',
          'Von Anfang an auf richtige Haltung oder Griff achten',
        ],
        practice: 'Fünfzehn Minuten Grundübungen, langsam und genau',
      },
      {
        name: 'Technik',
        objectives: ['Die Grundtechniken üben, bis sie sicher sitzen', 'Eine hinderliche Gewohnheit erkennen und korrigieren'],
        practice: 'Technikübungen, dann ein kurzes Stück, das sie nutzt',
      },
      {
        name: 'Erste Stücke',
        objectives: ['Ein kurzes Stück von Anfang bis Ende fertigstellen', 'Die schwerste Stelle einzeln üben und dann wieder einsetzen'],
        practice: 'Ein kurzes Stück Abschnitt für Abschnitt erarbeiten',
      },
      {
        name: 'Repertoire aufbauen',
        objectives: ['Zwei oder drei Stücke vorzeigbar halten', 'Einem fertigen Stück Ausdruck und Details geben'],
        practice: 'Das Repertoire durchgehen und dann ein Stück verfeinern',
      },
    ],
    project: [
      {
        name: 'Vorbereitung',
        objectives: ['Schritte, Werkzeuge, Material und Kosten aufschreiben', 'Festlegen, wie das fertige Ergebnis aussehen muss'],
        practice: 'Eine Checkliste anlegen und alles Nötige besorgen',
      },
      {
        name: 'Techniken',
        objectives: ['Jede neue Technik zuerst an einem kleinen Probestück üben', 'Die Sicherheitsregeln für Werkzeug und Material kennen'],
        practice: 'Die Technik an einem kleinen Probestück ausprobieren',
      },
      {
        name: 'Die Hauptarbeit',
        objectives: ['Die Hauptschritte der Reihe nach ausführen', 'Nach jedem Schritt die Arbeit prüfen, bevor es weitergeht'],
        practice: 'Den nächsten Schritt des Projekts abschließen',
      },
      {
        name: 'Der letzte Schliff',
        objectives: ['Die Details nach dem festgelegten Maßstab fertigstellen', 'Notieren, was beim nächsten Mal anders laufen soll'],
        practice: 'Fertigstellen, aufräumen und das Ergebnis fotografieren',
      },
    ],
    'soft-skill': [
      {
        name: 'Was gutes Können ausmacht',
        objectives: ['Beschreiben, wie gutes Können hier aussieht', 'Den eigenen Stand an einem konkreten Beispiel einschätzen'],
        practice: 'Eine kürzliche Situation aufschreiben und wie du sie gelöst hast',
      },
      {
        name: 'Gute Beispiele',
        objectives: ['Erkennen, was geübte Menschen anders machen', 'Zwei Techniken zum Ausprobieren auswählen'],
        practice: 'Zwei gute Beispiele ansehen oder lesen und die Techniken notieren',
      },
      {
        name: 'Üben mit Partner',
        objectives: ['Die Techniken in einem geschützten Rahmen üben', 'Rückmeldung holen und anpassen'],
        practice: 'Eine Situation mit einem Partner oder einer Aufnahme durchspielen',
      },
      {
        name: 'Echte Situationen',
        objectives: ['Die Techniken in echten Situationen einsetzen', 'Auswerten, was funktioniert hat und was sich ändern soll'],
        practice: 'Eine Technik diese Woche in einem echten Gespräch einsetzen',
      },
    ],
  },
};

const es: TMessages = {
  shapeLabel: {
    exam: 'Preparación de examen',
    language: 'Curso de idioma',
    programming: 'Curso con proyecto',
    training: 'Plan de entrenamiento',
    instrument: 'Rutina de práctica',
    project: 'Plan de proyecto',
    'soft-skill': 'Práctica de habilidades',
  },
  shapeFlow: {
    exam: 'Primero una prueba diagnóstica, luego las áreas del examen una a una, simulacros cronometrados y una semana de repaso al final.',
    language:
      'Sesiones cortas y frecuentes de comprensión auditiva, lectura, expresión oral y escritura, con objetivos de “puedo…” en cada paso.',
    programming: 'Cada tema va de los conceptos a la práctica guiada y a un pequeño proyecto; un proyecto final cierra el plan.',
    training:
      'Sesiones con una carga que sube poco a poco, días de descanso entre ellas, una semana más ligera cada cuatro y una puesta a punto antes de la prueba final.',
    instrument: 'Una rutina diaria de técnica y repertorio que termina con una interpretación grabada.',
    project: 'Cada paso sigue planificar → hacer → revisar, y termina con el proyecto acabado y una mirada atrás.',
    'soft-skill': 'Cada tema sigue aprender → ensayar → aplicar en una situación real, con comentarios.',
  },
  level: { beginner: 'principiante', intermediate: 'intermedio', advanced: 'avanzado' },
  summary: ({ weeks, sessions, minutes, level, shape, subject }) =>
    `${subject ? `${subject}: un plan` : 'Un plan'} de ${weeks} ${weeks === 1 ? 'semana' : 'semanas'} (nivel: ${es.level[level]}), ${sessions} ${sessions === 1 ? 'sesión' : 'sesiones'} por semana de unos ${minutes} ${minutes === 1 ? 'minuto' : 'minutos'}. ${es.shapeFlow[shape]}`,
  stageTitle: {
    learn: (t) => `${t}: conceptos`,
    practice: (t) => `${t}: práctica guiada`,
    apply: (t) => `${t}: miniproyecto`,
    study: (t) => `${t}: estudiar el área`,
    questions: (t) => `${t}: preguntas de práctica`,
    listening: (t) => `Comprensión auditiva: ${t}`,
    reading: (t) => `Lectura: ${t}`,
    speaking: (t) => `Expresión oral: ${t}`,
    writing: (t) => `Escritura: ${t}`,
    session: (t, n) => `Sesión ${n}: ${t}`,
    technique: (t) => `Práctica diaria: ${t}`,
    repertoire: (t) => `Repertorio: ${t}`,
    plan: (t) => `${t}: planificar`,
    do: (t) => `${t}: hacerlo`,
    check: (t) => `${t}: revisar el resultado`,
    rehearse: (t) => `${t}: ensayar`,
    use: (t) => `${t}: aplicarlo de verdad`,
  },
  stageActivity: {
    learn: 'Leer o ver una introducción y explicar las ideas principales con tus palabras',
    practice: 'Hacer ejercicios guiados y comprobar cada respuesta antes de seguir',
    apply: 'Construir algo pequeño que use lo aprendido, sin seguir un tutorial',
    study: 'Estudiar esta área con la guía oficial y escribir un resumen de una página',
    questions: 'Responder preguntas de práctica del área y repasar cada respuesta incorrecta',
    listening: 'Escuchar una grabación corta dos veces: primero la idea general, luego los detalles',
    reading: 'Leer un texto corto y buscar solo las palabras que no puedas adivinar',
    speaking: 'Hablar dos minutos sobre el tema, grabarte y escucharte',
    writing: 'Escribir un texto corto sobre el tema y corregirlo con un diccionario o un profesor',
    session: 'Calentar diez minutos y volver a la calma al final',
    technique: 'Calentar y practicar despacio y con regularidad antes de subir el tempo',
    repertoire: 'Trabajar la pieza actual por secciones y luego entera',
    plan: 'Anotar los pasos, herramientas y materiales, y decidir qué significa “terminado”',
    do: 'Hacer el siguiente paso y anotar qué salió distinto del plan',
    check: 'Comparar el resultado con el plan y anotar qué cambiar la próxima vez',
    rehearse: 'Ensayar con un compañero o una grabación y anotar algo que mejorar',
    use: 'Usar la habilidad esta semana en una situación real y pedir comentarios',
  },
  load: {
    build: 'Carga esta semana: un poco más que la anterior',
    recovery: 'Carga esta semana: más ligera, para recuperarte',
    taper: 'Puesta a punto: menos volumen, algo de intensidad, llegar descansado',
  },
  rest: 'Descansa al menos un día entre sesiones duras',
  review: {
    title: (t) => `Repaso: ${t}`,
    objective: 'Recordar los puntos clave sin apuntes, comprobarlos y rehacer lo que falló',
  },
  diagnostic: {
    title: 'Prueba diagnóstica',
    objectives: [
      'Hacer un examen de práctica cronometrado en condiciones de examen',
      'Marcar las áreas con peor resultado y empezar por ellas',
    ],
  },
  mock: {
    title: (n) => `Simulacro cronometrado ${n}`,
    objectives: ['Hacer un simulacro completo en el tiempo oficial', 'Repasar cada respuesta incorrecta y anotar su área'],
  },
  final: {
    exam: {
      title: 'Simulacro final cronometrado',
      objectives: ['Hacer un simulacro completo en el tiempo oficial', 'Comparar la nota con el aprobado y planificar el último repaso'],
      criteria: ['Simulacro completo en el tiempo oficial', 'Nota igual o superior al aprobado', 'Cada respuesta incorrecta repasada'],
    },
    language: {
      title: 'Prueba final: las cuatro destrezas',
      objectives: [
        'Mantener una conversación de diez minutos sobre los temas del plan',
        'Leer y escuchar un texto nuevo de cada tipo y resumirlo',
        'Escribir un texto corto y hacer que lo corrijan',
      ],
      criteria: ['Una conversación grabada de diez minutos', 'Dos resúmenes de textos nuevos', 'Un texto corto corregido'],
    },
    programming: {
      title: 'Proyecto final: construir, probar y presentar',
      objectives: [
        'Construir un proyecto pequeño que use los temas principales del plan',
        'Probarlo, documentarlo y presentarlo en cinco minutos',
      ],
      criteria: [
        'Funciona de principio a fin sin ayuda',
        'Usa al menos tres temas del plan',
        'Un breve informe: qué construiste, qué fue difícil, qué sigue',
      ],
    },
    training: {
      title: 'Prueba final: carrera o contrarreloj',
      objectives: ['Completar la distancia o la prueba objetivo al ritmo previsto', 'Anotar el resultado y cómo te sentiste'],
      criteria: ['Objetivo completado con seguridad', 'Resultado anotado', 'Un plan de recuperación para la semana siguiente'],
    },
    instrument: {
      title: 'Grabar una interpretación',
      objectives: ['Interpretar o terminar la pieza de repertorio de principio a fin', 'Grabarla y anotar dos cosas que mejorar'],
      criteria: ['Una grabación completa o una obra terminada', 'Dos puntos fuertes y dos mejoras anotados'],
    },
    project: {
      title: 'Terminar y evaluar el proyecto',
      objectives: ['Terminar el proyecto con el nivel fijado en el plan', 'Evaluar qué funcionó, qué no y qué cambiarías'],
      criteria: [
        'El proyecto está terminado y se puede usar',
        'Fotos o notas del resultado',
        'Una breve evaluación de qué cambiar la próxima vez',
      ],
    },
    'soft-skill': {
      title: 'Aplicarlo de verdad y evaluar los comentarios',
      objectives: ['Usar la habilidad en una situación real que te importe', 'Recoger comentarios y compararlos con tu punto de partida'],
      criteria: ['Una situación real resuelta con la habilidad', 'Comentarios de al menos una persona', 'Próximos pasos anotados'],
    },
  },
  reviewWeek: 'Semana de repaso y simulacro final',
  taper: 'Puesta a punto y prueba final',
  part: (name, n) => `${name} (parte ${n})`,
  deeper: (name) => `Práctica avanzada: ${name}`,
  // "y" becomes "e" before an /i/ sound: "Química e Historia" (but "y hielo").
  and: (next) => (/^h?i(?![aeou])/i.test(next.normalize('NFD').replace(/\p{M}/gu, '')) ? 'e' : 'y'),
  concepts: (list) => `Conceptos: ${list}.`,
  moduleBrief: (topics) => `Demuestra lo que sabes hacer tras este módulo (${topics}).`,
  noPrereq: 'No hace falta experiencia previa',
  assumed: (list) => `Se da por sabido en tu nivel: ${list}`,
  known: (list) => `Omitido porque ya lo sabes: ${list}`,
  goalOutcome: (goal) => `Avanzar claramente hacia tu objetivo: ${goal}`,
  warnings: {
    questionsInEnglish: 'Las preguntas de los cuestionarios están en inglés.',
    notTailored: 'Los temas no están adaptados a esta materia; los enlaces son búsquedas.',
    notCovered: (list) => `No incluido a este ritmo (amplía el plan para continuar): ${list}`,
    fallback: (asked) => `El planificador sin conexión no puede escribir en ${asked}; este plan está en inglés.`,
  },
  caveat: {
    training:
      'Consulta a un médico antes de empezar si tienes algún problema de salud, y para si sientes dolor, mareo o molestias en el pecho.',
    tooLittleTime: (covered, total) =>
      `A este ritmo el plan cubre ${covered} de ${total} temas; con más horas por semana o más semanas los cubriría todos.`,
  },
  search: {
    reference: (q) => `Búsqueda (no es un enlace revisado): ${q}`,
    video: (q) => `Búsqueda de vídeos (no es un enlace revisado): ${q}`,
  },
  generic: {
    exam: [
      {
        name: 'Formato del examen y diagnóstico',
        objectives: [
          'Describir las partes, los tiempos y la puntuación del examen',
          'Encontrar tus áreas más débiles con un primer examen de práctica',
        ],
        practice: 'Hacer un examen de práctica corto y ordenar los errores por área',
      },
      {
        name: 'Primero las áreas más débiles',
        objectives: ['Explicar las ideas detrás de las preguntas falladas', 'Responder preguntas del área más débil con menos errores'],
        practice: 'Resolver preguntas de un área débil y revisar cada respuesta',
      },
      {
        name: 'Resto de áreas',
        objectives: ['Cubrir al menos una vez cada área del temario oficial', 'Llevar un registro de errores con la causa de cada uno'],
        practice: 'Responder preguntas mezcladas y anotar cada error en el registro',
      },
      {
        name: 'Técnica de examen y tiempos',
        objectives: ['Terminar una parte en el tiempo oficial', 'Decidir cuándo saltar una pregunta y volver a ella'],
        practice: 'Hacer una parte cronometrada y comparar tu ritmo con el tiempo límite',
      },
    ],
    language: [
      {
        name: 'Sonidos y frases cotidianas',
        objectives: ['Puedo saludar, presentarme y preguntar cómo está alguien', 'Puedo entender y usar números, días y horas'],
        practice: 'Repetir diez frases cotidianas tras una grabación hasta que salgan solas',
      },
      {
        name: 'Situaciones cotidianas',
        objectives: ['Puedo pedir comida, comprar un billete y preguntar por una dirección', 'Puedo entender anuncios y carteles breves'],
        practice: 'Representar un pedido en una cafetería, con un compañero o en voz alta',
      },
      {
        name: 'Hablar de ti y de otros',
        objectives: [
          'Puedo describir mi familia, mi trabajo y mis aficiones con frases sencillas',
          'Puedo preguntar a otros por los suyos y seguir las respuestas',
        ],
        practice: 'Escribir y luego decir cinco frases sobre tu semana',
      },
      {
        name: 'Pasado y futuro',
        objectives: ['Puedo contar brevemente algo que pasó', 'Puedo hablar de planes y citas'],
        practice: 'Contar qué hiciste el fin de semana pasado y qué harás el próximo',
      },
    ],
    programming: [
      {
        name: 'Fundamentos y preparación',
        objectives: [
          'Preparar las herramientas necesarias y completar un primer ejercicio pequeño',
          'Explicar los términos básicos de tus primeras fuentes',
        ],
        practice: 'Seguir una guía oficial de inicio hasta el final',
      },
      {
        name: 'Técnicas principales',
        objectives: [
          'Aplicar las técnicas principales en ejercicios pequeños sin consultar cada paso',
          'Reconocer los errores habituales y corregirlos',
        ],
        practice: 'Resolver cinco ejercicios cortos y compararlos con una referencia',
      },
      {
        name: 'Problemas realistas',
        objectives: ['Resolver un problema realista de principio a fin', 'Leer la solución de otra persona y adoptar una idea'],
        practice: 'Elegir una tarea real propia y completarla',
      },
      {
        name: 'Profundizar',
        objectives: ['Elegir una técnica más avanzada y usarla en la práctica', 'Explicar sus ventajas e inconvenientes a otra persona'],
        practice: 'Mejorar un trabajo anterior con una técnica más avanzada',
      },
    ],
    training: [
      {
        name: 'Base aeróbica',
        objectives: ['Completar sesiones suaves a ritmo de conversación', 'Crear el hábito de entrenar en días fijos'],
        practice: 'Sesión suave a un ritmo que te permita hablar',
      },
      {
        name: 'Aumentar la carga',
        objectives: ['Subir el volumen poco a poco, alrededor de una décima parte por semana', 'Recuperarte bien entre sesiones'],
        practice: 'Una sesión algo más larga que la semana pasada y el resto suaves',
      },
      {
        name: 'Trabajo específico',
        objectives: ['Hacer sesiones específicas a la intensidad que pide tu objetivo', 'Mantener suaves las sesiones suaves'],
        practice: 'Una sesión más dura con pausas de recuperación y el resto suaves',
      },
      {
        name: 'Afinar',
        objectives: [
          'Ensayar el ritmo o la intensidad del objetivo durante parte de la distancia',
          'Planificar comida, bebida y equipo para el día',
        ],
        practice: 'Una sesión en parte a la intensidad objetivo',
      },
    ],
    instrument: [
      {
        name: 'Preparación y fundamentos',
        objectives: [
          'Preparar el material o el instrumento y practicar una rutina básica',
          'Cuidar la postura o el agarre desde el principio',
        ],
        practice: 'Quince minutos de ejercicios básicos, despacio y con precisión',
      },
      {
        name: 'Técnica',
        objectives: ['Practicar las técnicas básicas hasta que salgan seguras', 'Detectar y corregir un hábito que te frena'],
        practice: 'Ejercicios de técnica y luego una pieza corta que los use',
      },
      {
        name: 'Primeras piezas',
        objectives: ['Terminar una pieza corta de principio a fin', 'Trabajar aparte la parte más difícil y luego integrarla'],
        practice: 'Trabajar una pieza corta por secciones',
      },
      {
        name: 'Crear un repertorio',
        objectives: ['Tener dos o tres piezas listas para mostrar', 'Dar expresión y detalle a una pieza terminada'],
        practice: 'Repasar el repertorio y pulir una pieza',
      },
    ],
    project: [
      {
        name: 'Preparación',
        objectives: ['Anotar pasos, herramientas, materiales y costes', 'Decidir cómo debe ser el resultado terminado'],
        practice: 'Hacer una lista de control y reunir lo necesario',
      },
      {
        name: 'Técnicas',
        objectives: [
          'Practicar cada técnica nueva primero en una pieza de prueba',
          'Conocer las normas de seguridad de herramientas y materiales',
        ],
        practice: 'Probar la técnica en una pieza de prueba pequeña',
      },
      {
        name: 'El trabajo principal',
        objectives: ['Realizar los pasos principales en orden', 'Revisar el trabajo tras cada paso antes de seguir'],
        practice: 'Completar el siguiente paso del proyecto',
      },
      {
        name: 'Últimos detalles',
        objectives: ['Rematar los detalles con el nivel fijado', 'Anotar qué harías distinto la próxima vez'],
        practice: 'Terminar, recoger y fotografiar el resultado',
      },
    ],
    'soft-skill': [
      {
        name: 'Qué es hacerlo bien',
        objectives: ['Describir cómo es hacerlo bien en esta habilidad', 'Valorar tu punto de partida con un ejemplo concreto'],
        practice: 'Escribir una situación reciente y cómo la resolviste',
      },
      {
        name: 'Buenos ejemplos',
        objectives: ['Identificar qué hacen distinto las personas expertas', 'Elegir dos técnicas para probar'],
        practice: 'Ver o leer dos buenos ejemplos y anotar las técnicas',
      },
      {
        name: 'Práctica con un compañero',
        objectives: ['Ensayar las técnicas en un entorno seguro', 'Pedir comentarios y ajustar'],
        practice: 'Representar una situación con un compañero o una grabación',
      },
      {
        name: 'Situaciones reales',
        objectives: ['Usar las técnicas en situaciones reales', 'Reflexionar sobre qué funcionó y qué cambiar'],
        practice: 'Usar una técnica esta semana en una conversación real',
      },
    ],
  },
};

export const MESSAGES: Record<TPlanLanguage, TMessages> = { en, de, es };

/** "A, B and C" in the plan's language. */
export const listIn = (m: TMessages, items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : joinList(items, m.and(items.at(-1)!));
