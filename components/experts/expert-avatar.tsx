/* eslint-disable @next/next/no-img-element -- photos come through short-lived signed links, not the image optimiser */
export function ExpertAvatar({ name, slug, hasPhoto, size = 'md' }: { name: string; slug: string; hasPhoto: boolean; size?: 'md' | 'lg' }) {
  const box = size === 'lg' ? 'h-24 w-24 text-3xl' : 'h-12 w-12 text-lg';
  if (hasPhoto) {
    return (
      <img
        src={`/api/experts/${slug}/photo`}
        alt=""
        width={size === 'lg' ? 96 : 48}
        height={size === 'lg' ? 96 : 48}
        className={`${box} shrink-0 rounded-full object-cover`}
      />
    );
  }
  return (
    <span
      aria-hidden="true"
      className={`${box} flex shrink-0 items-center justify-center rounded-full bg-brand-100 font-bold text-brand-800 dark:bg-brand-900 dark:text-brand-100`}
    >
      {name
        .split(' ')
        .map((w) => w[0])
        .slice(0, 2)
        .join('')}
    </span>
  );
}
