// A small RFC 5545 reader for tests: checks the transport rules a strict calendar client applies (CRLF line
// endings, content lines folded at 75 octets, balanced BEGIN/END) and returns the components with their
// properties unfolded. Not a general parser: enough to assert what a feed says.

export type TIcsComponent = {
  name: string;
  props: { name: string; params: Record<string, string>; value: string }[];
  children: TIcsComponent[];
};

export function parseIcs(text: string): TIcsComponent {
  if (!text.endsWith('\r\n')) throw new Error('the file does not end with CRLF');
  const raw = text.slice(0, -2).split('\r\n');
  raw.forEach((l, i) => {
    if (l.includes('\n') || l.includes('\r')) throw new Error(`bare LF or CR in line ${i + 1}`);
    if (Buffer.byteLength(l, 'utf8') > 75) throw new Error(`line ${i + 1} is longer than 75 octets: ${l}`);
  });
  const lines: string[] = [];
  for (const l of raw) {
    if (l.startsWith(' ') || l.startsWith('\t')) {
      if (!lines.length) throw new Error('the file starts with a continuation line');
      lines[lines.length - 1] += l.slice(1);
    } else lines.push(l);
  }
  const stack: TIcsComponent[] = [];
  let root: TIcsComponent | null = null;
  for (const line of lines) {
    const m = /^([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$/.exec(line);
    if (!m) throw new Error(`not a content line: ${line}`);
    const [, name, paramText, value] = m;
    if (name === 'BEGIN') {
      const c: TIcsComponent = { name: value, props: [], children: [] };
      if (stack.length) stack[stack.length - 1].children.push(c);
      else if (root) throw new Error('a second top-level component');
      else root = c;
      stack.push(c);
    } else if (name === 'END') {
      const c = stack.pop();
      if (!c || c.name !== value) throw new Error(`END:${value} does not close ${c?.name ?? 'anything'}`);
    } else {
      if (!stack.length) throw new Error(`property outside a component: ${line}`);
      const params = Object.fromEntries(
        paramText
          .split(';')
          .filter(Boolean)
          .map((p) => p.split('=') as [string, string]),
      );
      stack[stack.length - 1].props.push({ name: name.toUpperCase(), params, value });
    }
  }
  if (stack.length || !root) throw new Error('unbalanced BEGIN/END');
  return root;
}

export const prop = (c: TIcsComponent, name: string) => c.props.find((p) => p.name === name)?.value;

/** Asserts the properties RFC 5545 requires of a VCALENDAR and each VEVENT; returns the events. */
export function requireValidCalendar(cal: TIcsComponent): TIcsComponent[] {
  if (cal.name !== 'VCALENDAR') throw new Error('not a VCALENDAR');
  if (prop(cal, 'VERSION') !== '2.0') throw new Error('VERSION:2.0 missing');
  if (!prop(cal, 'PRODID')) throw new Error('PRODID missing');
  const events = cal.children.filter((c) => c.name === 'VEVENT');
  for (const e of events) {
    for (const p of ['UID', 'DTSTAMP', 'DTSTART']) if (!prop(e, p)) throw new Error(`VEVENT without ${p}`);
    for (const p of ['DTSTART', 'DTEND', 'DTSTAMP']) {
      const v = e.props.find((x) => x.name === p);
      if (v && !v.params.TZID && !/^\d{8}T\d{6}Z$/.test(v.value)) throw new Error(`${p} is neither UTC nor zoned: ${v.value}`);
    }
  }
  return events;
}
