// Subjects in this group, one JSON file each (validated against ZAtlasSubject by the atlas tests).
// Add a line per subject: `import python from './programming/python.json';` and list it below.
import drawing from './art/drawing.json';
import photography from './art/photography.json';
import watercolorPainting from './art/watercolor-painting.json';
import digitalMarketing from './business/digital-marketing.json';
import peopleManagement from './business/people-management.json';
import investing from './finance/investing.json';
import personalFinance from './finance/personal-finance.json';
import running from './fitness/running.json';
import strengthTraining from './fitness/strength-training.json';
import swimming from './fitness/swimming.json';
import yoga from './fitness/yoga.json';
import cooking from './home/cooking.json';
import homeRepair from './home/home-repair.json';
import vegetableGardening from './home/vegetable-gardening.json';
import guitar from './music/guitar.json';
import musicTheory from './music/music-theory.json';
import piano from './music/piano.json';
import singing from './music/singing.json';
import negotiation from './soft-skills/negotiation.json';
import publicSpeaking from './soft-skills/public-speaking.json';

export const subjects: unknown[] = [
  guitar,
  piano,
  singing,
  musicTheory,
  drawing,
  watercolorPainting,
  photography,
  running,
  strengthTraining,
  yoga,
  swimming,
  publicSpeaking,
  negotiation,
  peopleManagement,
  digitalMarketing,
  personalFinance,
  investing,
  vegetableGardening,
  cooking,
  homeRepair,
];
