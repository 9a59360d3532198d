import type { TLesson } from './schemas';

type TResource = TLesson['resources'][number];

/** The search that stands in for a dead or refused link: a video search for a video, code search for an exercise, the web otherwise. */
export function searchLinkFor(r: TResource): TResource {
  const title = r.title.replace(/^Search:\s*/i, '');
  const q = encodeURIComponent(title);
  const url =
    r.type === 'video'
      ? `https://www.youtube.com/results?search_query=${q}`
      : r.type === 'exercise'
        ? `https://github.com/search?q=${q}&type=repositories`
        : `https://duckduckgo.com/?q=${q}`;
  return { title: `Search: ${title}`.slice(0, 200), url: url.slice(0, 500), type: r.type };
}

/** An http(s) URL the schema accepts; anything else is replaced by a search before it is stored or shown. */
export const isWebUrl = (url: string) => {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && url.length <= 500;
  } catch {
    return false;
  }
};
