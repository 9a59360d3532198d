// Subjects in this group, one JSON file each (validated against ZAtlasSubject by the atlas tests).
// Add a line per subject: `import python from './programming/python.json';` and list it below.
import french from './language/french.json';
import german from './language/german.json';
import spanish from './language/spanish.json';

export const subjects: unknown[] = [spanish, german, french];
