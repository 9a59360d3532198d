// Loaded on first use of the availability form (availability-editor.tsx): zod and the schema stay out of the page.
import { zodResolver } from '@hookform/resolvers/zod';
import { ZAvailabilityInput } from '@/lib/availability/editor-schema';

export const availabilityResolver = zodResolver(ZAvailabilityInput);
