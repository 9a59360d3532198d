/**
 * The directory form's fields → the query string it navigates to: empty fields are left out (empty means no
 * limit), the default sort is left out, a decimal comma is read as a point. Prices stay whole amounts in the
 * chosen currency (`cur`). What is not a number is passed on as typed, so the page says the filter was not
 * valid instead of silently dropping it.
 */
export function formToQueryString(fields: Iterable<[string, FormDataEntryValue]>): string {
  const p = new URLSearchParams();
  for (const [key, raw] of fields) {
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (!value || (key === 'sort' && value === 'relevance')) continue;
    if (key === 'minPrice' || key === 'maxPrice') {
      const units = Number(value.replace(',', '.'));
      p.set(key, Number.isFinite(units) && units >= 0 ? String(units) : value);
    } else p.set(key, value);
  }
  const q = p.toString();
  return q ? `?${q}` : '';
}
