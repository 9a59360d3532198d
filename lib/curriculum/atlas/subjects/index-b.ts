// Subjects in this group, one JSON file each (validated against ZAtlasSubject by the atlas tests).
// Add a line per subject: `import python from './programming/python.json';` and list it below.
import drawing from './art/drawing.json';
import photography from './art/photography.json';
import watercolorPainting from './art/watercolor-painting.json';
import guitar from './music/guitar.json';
import musicTheory from './music/music-theory.json';
import piano from './music/piano.json';
import singing from './music/singing.json';

export const subjects: unknown[] = [guitar, piano, singing, musicTheory, drawing, watercolorPainting, photography];
