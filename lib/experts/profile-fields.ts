/** The profile fields an expert writes, as stored: shared by the public, own and admin views. */
export type TProfileFields = {
  slug: string;
  display_name: string;
  headline: string;
  bio: string;
  specialties: string[];
  tags: string[];
  languages: string[];
  years_experience: number;
  country: string | null;
  timezone: string;
  links: { label: string; url: string }[];
};
