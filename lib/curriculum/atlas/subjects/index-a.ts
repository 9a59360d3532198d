// Subjects in this group, one JSON file each (validated against ZAtlasSubject by the atlas tests).
// Add a line per subject: `import python from './programming/python.json';` and list it below.
import gmat from './exam/gmat.json';
import gre from './exam/gre.json';
import ielts from './exam/ielts.json';
import pmp from './exam/pmp.json';
import sat from './exam/sat.json';
import toefl from './exam/toefl.json';
import english from './language/english.json';
import french from './language/french.json';
import german from './language/german.json';
import italian from './language/italian.json';
import japanese from './language/japanese.json';
import mandarinChinese from './language/mandarin-chinese.json';
import spanish from './language/spanish.json';
import algebra from './math/algebra.json';
import calculus from './math/calculus.json';
import linearAlgebra from './math/linear-algebra.json';
import statistics from './math/statistics.json';
import biology from './science/biology.json';
import chemistry from './science/chemistry.json';
import physics from './science/physics.json';

export const subjects: unknown[] = [
  spanish,
  german,
  french,
  italian,
  japanese,
  mandarinChinese,
  english,
  algebra,
  calculus,
  statistics,
  linearAlgebra,
  physics,
  chemistry,
  biology,
  sat,
  gre,
  gmat,
  ielts,
  toefl,
  pmp,
];
