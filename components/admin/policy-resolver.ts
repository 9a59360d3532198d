// Loaded on first use of the policy form (policy-form.tsx): zod and the schema stay out of the page.
import { zodResolver } from '@hookform/resolvers/zod';
import { ZPolicy } from '@/lib/policy/schemas';

export const policyResolver = zodResolver(ZPolicy);
