import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import type { TQueryable } from '@/lib/db';

/**
 * Tables that hold rows about a person (a foreign key to users or expert_profiles) and what the export does with
 * each. tests/integration/privacy.test.ts reads the schema's foreign keys and fails when a table is in neither
 * list, so a new table cannot be forgotten by the export.
 */
export const EXPORTED_TABLES = [
  'users',
  'sessions',
  'consents',
  'curricula',
  'lesson_progress',
  'learning_activity',
  'checkpoint_scores',
  'quiz_answers',
  'ai_calls',
  'expert_profiles',
  'expert_offerings',
  'expert_documents',
  'expert_verifications',
  'expert_profile_changes',
  'expert_sanctions',
  'availability_settings',
  'availability_rules',
  'availability_overrides',
  'busy_blocks',
  'bookings',
  'booking_events',
  'booking_notes',
  'no_show_reports',
  'session_reviews',
  'notifications',
  'notification_preferences',
  'user_phones',
  'outbox_messages',
  'audit_log',
  'payments',
  'ledger_entries',
  'payout_accounts',
  'paypal_payouts',
  'session_packages',
  'package_purchases',
  'calendar_connections',
  'ics_feed_tokens',
  'recordings',
  'recording_consents',
  'video_attendance',
] as const;

export const NOT_EXPORTED: Record<string, string> = {
  password_reset_tokens: 'secrets (hashes of emailed links); a reset is visible in the messages instead',
  realtime_events: 'short-lived copies of changes that are exported from their own tables',
  realtime_counters: 'a sequence number for live updates, nothing about the person',
  currency_rates: 'platform exchange rates; an admin who edited one finds it in the audit entries',
  phone_verifications: 'hashes of one-time codes sent to verify a number; the number itself is exported (phone)',
  commission_rules: "the platform's commission per currency; an admin who edited one finds it in the audit entries",
};

type TBookingRow = {
  id: string;
  expert: { name: string; slug: string };
  learner: { name: string } | null;
  [column: string]: unknown;
};

// Explicit column lists everywhere: a column added later (a secret, say) stays out until someone adds it here.
const ACCOUNT = 'id, email, name, role, timezone, created_at, updated_at';

/**
 * One JSON document of everything Pathwise keeps about the user: account, sign-ins (never their tokens),
 * learning, expert application and schedule, sessions with the other side's public parts, reviews, messages,
 * consents and audit entries about them. Runs on the privileged connection with the user's id in every
 * query; secrets (password hash, session and reset tokens, storage keys, the secret outbox body) and other
 * people's private notes are never selected.
 */
export async function exportUserData(db: TQueryable, user: TSessionUser, now: Date = new Date()) {
  const rows = async <R = Record<string, unknown>>(sql: string, params: unknown[] = [user.id]) => (await db.query<R>(sql, params)).rows;
  const account = (await rows(`select ${ACCOUNT} from public.users where id = $1`))[0] ?? null;

  const profile = (
    await rows<{ id: string } & Record<string, unknown>>(
      `select id, slug, display_name, headline, bio, specialties, tags, languages, years_experience, country, timezone, photo_url,
            photo_document_id, links, status, status_reason, hidden, rating_avg, rating_count, rating_histogram, terms_accepted_at,
            submitted_at, approved_at, paused_until, min_price_minor, price_currency, created_at, updated_at
       from public.expert_profiles where user_id = $1`,
    )
  )[0];
  const pid = profile?.id ?? null;
  const forProfile = (sql: string) => (pid ? rows(sql, [pid]) : Promise.resolve([]));

  // Bookings on either side; the other side's public parts only (the expert's public name, the learner's name).
  const bookings = await rows<TBookingRow>(
    `select b.id, case when b.learner_id = $1 then 'learner' else 'expert' end as my_role,
            b.starts_at, b.ends_at, b.duration_minutes, b.status, b.price_minor, b.currency, b.payment_status, b.payment_mode,
            b.brief, b.curriculum_id, b.module_id, b.learner_timezone, b.cancelled_by, b.cancel_reason, b.cancelled_at,
            b.refund_percent, b.confirmed_at, b.completed_at, b.created_at,
            json_build_object('name', e.display_name, 'slug', e.slug) as expert,
            case when b.learner_id = $1 then null else json_build_object('name', l.name) end as learner
       from public.bookings b
       join public.expert_profiles e on e.id = b.expert_id
       left join public.users l on l.id = b.learner_id
      where b.learner_id = $1 or b.expert_id = $2
      order by b.starts_at`,
    [user.id, pid],
  );
  const bookingIds = bookings.map((b) => b.id);
  const byBooking = (sql: string) => (bookingIds.length ? rows(sql, [bookingIds]) : Promise.resolve([]));
  const events = await byBooking(
    'select booking_id, kind, data, created_at from public.booking_events where booking_id = any($1::uuid[]) order by created_at',
  );
  const noShows = await byBooking(
    'select booking_id, reporter_role, absent_role, note, created_at from public.no_show_reports where booking_id = any($1::uuid[])',
  );
  // Private notes belong to the expert who wrote them: in their export, never in the learner's.
  const notes = await forProfile('select booking_id, body, updated_at from public.booking_notes where expert_id = $1');
  const groupBy = (list: Record<string, unknown>[], id: string) =>
    list.filter((r) => r.booking_id === id).map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'booking_id')));

  const reviewsWritten = await rows(
    `select id, booking_id, author_role, rating, body, published_at, reply, replied_at, hidden, created_at
       from public.session_reviews where author_id = $1 order by created_at`,
  );
  // About the user and published: learners' reviews of their expert profile, experts' feedback on their sessions.
  const reviewsReceived = await rows(
    `select r.id, r.booking_id, r.author_role, r.rating, r.body, r.published_at, r.reply, r.replied_at, r.hidden, r.created_at
       from public.session_reviews r join public.bookings b on b.id = r.booking_id
      where r.published_at is not null
        and ((r.author_role = 'learner' and r.expert_id = $2) or (r.author_role = 'expert' and b.learner_id = $1))
      order by r.created_at`,
    [user.id, pid],
  );
  const reviewIds = [...reviewsWritten, ...reviewsReceived].map((r) => String(r.id));

  const sanctions = await forProfile(
    `select id, level, reason, strikes, appeal, appealed_at, appeal_status, decided_at, created_at
       from public.expert_sanctions where expert_id = $1 order by created_at`,
  );

  return {
    format: 'pathwise-data-export',
    version: 1,
    exportedAt: now.toISOString(),
    account,
    sessions: await rows(
      'select created_at, expires_at, ip, user_agent from public.sessions where user_id = $1 and expires_at > now() order by created_at',
    ),
    consents: await rows('select kind, version, granted, source, recorded_at from public.consents where user_id = $1 order by recorded_at'),
    learning: {
      curricula: await rows(
        `select id, request, status, provider, model, plan, budget_minutes, weeks, start_date, error, attempts, tokens_used,
                created_at, updated_at, generated_at
           from public.curricula where user_id = $1 order by created_at`,
      ),
      lessonProgress: await rows(
        'select curriculum_id, lesson_id, status, minutes_spent, notes, completed_at, updated_at from public.lesson_progress where user_id = $1',
      ),
      timeLog: await rows(
        'select curriculum_id, lesson_id, kind, minutes, occurred_at from public.learning_activity where user_id = $1 order by occurred_at',
      ),
      checkpointScores: await rows(
        'select curriculum_id, module_id, best_score, total, attempts, updated_at from public.checkpoint_scores where user_id = $1',
      ),
      quizAnswers: await rows(
        'select curriculum_id, module_id, question_id, objective, correct, source, answered_at from public.quiz_answers where user_id = $1 order by answered_at',
      ),
      aiCalls: await rows('select curriculum_id, kind, tokens, created_at from public.ai_calls where user_id = $1 order by created_at'),
    },
    expert: profile
      ? {
          profile,
          offerings: await forProfile('select duration_minutes, price_minor, currency from public.expert_offerings where expert_id = $1'),
          // Metadata only: the files stay in storage (and go with the account); no storage keys.
          documents: await forProfile(
            'select id, kind, filename, content_type, size_bytes, created_at from public.expert_documents where expert_id = $1 order by created_at',
          ),
          verification:
            (
              await forProfile(
                `select identity_verified, credentials_verified, background_status, updated_at
               from public.expert_verifications where expert_id = $1`,
              )
            )[0] ?? null,
          profileChanges: await forProfile(
            'select proposed, status, reason, created_at, decided_at from public.expert_profile_changes where expert_id = $1 order by created_at',
          ),
          sanctions,
          availability: {
            settings:
              (
                await forProfile(
                  `select buffer_before_minutes, buffer_after_minutes, min_notice_minutes, horizon_days, max_per_day, slot_interval_minutes, updated_at
                 from public.availability_settings where expert_id = $1`,
                )
              )[0] ?? null,
            weeklyRules: await forProfile(
              'select weekday, start_minute, end_minute from public.availability_rules where expert_id = $1 order by weekday, start_minute',
            ),
            dateOverrides: await forProfile(
              'select date, start_minute, end_minute from public.availability_overrides where expert_id = $1 order by date',
            ),
            busyBlocks: await forProfile(
              'select starts_at, ends_at, source from public.busy_blocks where expert_id = $1 order by starts_at',
            ),
          },
        }
      : null,
    bookings: bookings.map((b) => ({
      ...b,
      events: groupBy(events, b.id),
      noShowReports: groupBy(noShows, b.id),
      privateNotes: groupBy(notes, b.id)[0] ?? null,
    })),
    reviews: { written: reviewsWritten, received: reviewsReceived },
    notifications: await rows(
      'select kind, title, body, link, read_at, created_at from public.notifications where user_id = $1 order by created_at',
    ),
    notificationPreferences: await rows(
      'select event, channel, enabled, updated_at from public.notification_preferences where user_id = $1 order by event, channel',
    ),
    phone: await rows('select e164, verified_at, sms_opt_in, stopped_at, updated_at from public.user_phones where user_id = $1'),
    // What was sent to the user; the deliverable copy with live links (secret_body) is never included.
    messages: await rows(
      'select channel, recipient, template, subject, body, status, created_at, sent_at from public.outbox_messages where user_id = $1 order by created_at',
    ),
    // Money: what the user paid (learner) or was paid (expert), the expert's ledger rows and payout rails.
    payments: await rows(
      `select id, booking_id, package_purchase_id, case when learner_id = $1 then 'learner' else 'expert' end as my_role, mode, status,
              amount_minor, commission_minor, currency, refunded_minor, transfer_status, dispute_status, created_at, paid_at
         from public.payments where learner_id = $1 or expert_id = $2 order by created_at`,
      [user.id, pid],
    ),
    packages: {
      purchases: await rows(
        `select id, package_id, case when learner_id = $1 then 'learner' else 'expert' end as my_role, title, session_count,
                duration_minutes, price_minor, commission_minor, currency, status, sessions_used, sessions_refunded, refund_until,
                created_at, paid_at
           from public.package_purchases where learner_id = $1 or expert_id = $2 order by created_at`,
        [user.id, pid],
      ),
      offered: await forProfile(
        `select id, title, session_count, duration_minutes, discount_bp, price_minor, currency, status, created_at
           from public.session_packages where expert_id = $1 order by created_at`,
      ),
    },
    earnings: pid
      ? {
          ledger: await forProfile(
            'select booking_id, payment_id, account, amount_minor, currency, kind, memo, created_at from public.ledger_entries where expert_id = $1 order by id',
          ),
          payoutAccount:
            (
              await forProfile(
                `select rail, charges_enabled, payouts_enabled, details_submitted, requirements, paypal_email, updated_at
                   from public.payout_accounts where expert_id = $1`,
              )
            )[0] ?? null,
          paypalPayouts: await forProfile(
            'select payment_id, attempt, receiver, amount_minor, currency, status, error, created_at from public.paypal_payouts where expert_id = $1 order by created_at, attempt',
          ),
        }
      : null,
    // Connected calendars without their tokens or sync state; feed tokens as dates only (the URL is a secret).
    calendars: await rows(
      `select provider, account_email, status, busy_calendar_ids, target_calendar_id, last_synced_at, created_at
         from public.calendar_connections where user_id = $1 order by created_at`,
    ),
    calendarFeeds: await rows(
      'select created_at, revoked_at, last_used_at from public.ics_feed_tokens where user_id = $1 order by created_at',
    ),
    // Video: recordings of the user's sessions (metadata; the files are downloaded from the session), the
    // user's recording consents and their join/leave times.
    video: {
      recordings: bookingIds.length
        ? await rows(
            `select id, booking_id, status, started_at, stopped_at, content_type, size_bytes, duration_seconds, ready_at, delete_after
               from public.recordings where booking_id = any($1::uuid[]) order by created_at`,
            [bookingIds],
          )
        : [],
      consents: await rows(
        'select booking_id, recording_id, role, granted, recorded_at from public.recording_consents where user_id = $1 order by recorded_at',
      ),
      attendance: await rows(
        'select booking_id, role, joined_at, left_at from public.video_attendance where user_id = $1 order by joined_at',
      ),
    },
    auditLog: await rows(
      `select action, subject_type, subject_id, reason, data, created_at, (actor_id = $1::uuid) as by_me
         from public.audit_log
        where actor_id = $1::uuid
           or (subject_type = 'user' and subject_id = $5::text)
           or (subject_type = 'expert_profile' and subject_id = $2::text)
           or (subject_type = 'expert_sanction' and subject_id = any($3::text[]))
           or (subject_type = 'session_review' and subject_id = any($4::text[]))
        order by created_at`,
      [user.id, pid, sanctions.map((s) => String(s.id)), reviewIds, user.id],
    ),
  };
}

export type TUserDataExport = Awaited<ReturnType<typeof exportUserData>>;
