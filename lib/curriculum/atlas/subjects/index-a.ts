// Subjects in this group, one JSON file each (validated against ZAtlasSubject by the atlas tests).
// Add a line per subject: `import python from './programming/python.json';` and list it below.
import english from './language/english.json';
import french from './language/french.json';
import german from './language/german.json';
import italian from './language/italian.json';
import japanese from './language/japanese.json';
import mandarinChinese from './language/mandarin-chinese.json';
import spanish from './language/spanish.json';

export const subjects: unknown[] = [spanish, german, french, italian, japanese, mandarinChinese, english];
