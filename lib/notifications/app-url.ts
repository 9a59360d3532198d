import 'server-only';
import { env } from '@/lib/config';

/** The app's public origin, for links in emails and SMS and the Twilio webhook's signed URL. */
export const appUrl = () => (env().APP_URL ?? `http://localhost:${env().PORT}`).replace(/\/$/, '');
