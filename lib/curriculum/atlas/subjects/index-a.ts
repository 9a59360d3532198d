// Subjects in this group, one JSON file each (validated against ZAtlasSubject by the atlas tests).
// Add a line per subject: `import python from './programming/python.json';` and list it below.
export const subjects: unknown[] = [];
