import 'server-only';
import { headers } from 'next/headers';
import { localeFromAcceptLanguage } from './format';

/** The viewer's locale for numbers and dates, from the browser's Accept-Language. */
export async function getViewerLocale(): Promise<string> {
  return localeFromAcceptLanguage((await headers()).get('accept-language'));
}
