// Subjects in this group, one JSON file each (validated against ZAtlasSubject by the atlas tests).
// Add a line per subject: `import python from './programming/python.json';` and list it below.
import python from './programming/python.json';
import javascript from './programming/javascript.json';
import typescript from './programming/typescript.json';
import react from './programming/react.json';
import webHtmlCss from './programming/web-html-css.json';
import sql from './data/sql.json';
import java from './programming/java.json';
import go from './programming/go.json';
import rust from './programming/rust.json';

export const subjects: unknown[] = [python, javascript, typescript, react, webHtmlCss, sql, java, go, rust];
