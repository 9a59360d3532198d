/** Shown in place of the booking panel while the expert's payouts are not set up (Stripe configured). */
export function NotBookableYet({ name }: { name: string }) {
  return (
    <section className="card p-5" aria-labelledby="not-bookable" data-testid="not-bookable">
      <h2 id="not-bookable" className="text-lg font-semibold">
        Not bookable yet
      </h2>
      <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
        {name} is still setting up how they get paid. Sessions can be booked as soon as that is done — check back soon.
      </p>
    </section>
  );
}
