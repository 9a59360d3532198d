import type { TRole } from './schemas';

export type TNavItem = { href: string; label: string };

/** The main navigation for each role; signed-out visitors see the public pages. */
export function navFor(role: TRole | null): TNavItem[] {
  switch (role) {
    case 'learner':
      return [
        { href: '/learn', label: 'Learn' },
        { href: '/experts', label: 'Experts' },
        { href: '/sessions', label: 'Sessions' },
      ];
    case 'expert':
      return [
        { href: '/dashboard', label: 'Dashboard' },
        { href: '/availability', label: 'Availability' },
        { href: '/sessions', label: 'Sessions' },
        { href: '/earnings', label: 'Earnings' },
      ];
    case 'admin':
      return [
        { href: '/admin', label: 'Admin' },
        { href: '/admin/reviews', label: 'Reviews' },
        { href: '/admin/sanctions', label: 'Sanctions' },
        { href: '/admin/policy', label: 'Policy' },
        { href: '/admin/rates', label: 'Rates' },
        { href: '/admin/payments', label: 'Payments' },
      ];
    default:
      return [{ href: '/experts', label: 'Experts' }];
  }
}
