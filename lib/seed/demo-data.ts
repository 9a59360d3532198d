// Demo data for a fresh database. Prices are integer minor units (JPY has none).
export const DEMO_PASSWORD = 'pathwise-demo';

export const DEMO_ACCOUNTS = {
  learner: { email: 'learner@pathwise.dev', name: 'Lena Learner' },
  expert: { email: 'expert@pathwise.dev', name: 'Emily Carter' },
  admin: { email: 'admin@pathwise.dev', name: 'Ada Admin' },
} as const;

export type TDemoExpert = {
  email: string;
  name: string;
  slug: string;
  headline: string;
  bio: string;
  specialties: string[];
  tags: string[];
  languages: string[];
  years: number;
  country: string;
  timezone: string;
  currency: string;
  prices: Record<number, number>;
  /** What the seeded reviews add up to (lib/seed/seed-reviews.ts): the average to one decimal and the count. */
  rating: number;
  ratingCount: number;
  status: 'approved' | 'submitted';
};

export const DEMO_EXPERTS: TDemoExpert[] = [
  {
    email: DEMO_ACCOUNTS.expert.email, name: DEMO_ACCOUNTS.expert.name, slug: 'emily-carter',
    headline: 'Senior frontend engineer — React, TypeScript and accessible UI',
    bio: 'Ten years building design systems and web apps at product companies. I help developers level up from tutorials to production React: state, testing, performance and accessibility.',
    specialties: ['Web development', 'React', 'TypeScript'], tags: ['frontend', 'accessibility', 'testing'],
    languages: ['en'], years: 10, country: 'US', timezone: 'America/New_York', currency: 'USD',
    prices: { 30: 6500, 60: 12000 }, rating: 4.9, ratingCount: 128, status: 'approved',
  },
  {
    email: 'maya.okafor@pathwise.dev', name: 'Maya Okafor', slug: 'maya-okafor',
    headline: 'Analytics engineer — SQL, dbt and interview prep for data roles',
    bio: 'I lead an analytics team in Lagos and have run 200+ mock interviews. Bring a query that confuses you, or a take-home you want reviewed.',
    specialties: ['Data analysis', 'SQL'], tags: ['postgres', 'dbt', 'interviews'],
    languages: ['en', 'yo'], years: 8, country: 'NG', timezone: 'Africa/Lagos', currency: 'USD',
    prices: { 30: 4500, 60: 8000 }, rating: 4.8, ratingCount: 94, status: 'approved',
  },
  {
    email: 'lukas.becker@pathwise.dev', name: 'Lukas Becker', slug: 'lukas-becker',
    headline: 'German teacher — Goethe B2/C1 exam preparation',
    bio: 'Certified DaF teacher in Berlin. Structured speaking practice, writing feedback and exam strategy for Goethe and telc B2/C1.',
    specialties: ['German', 'Language exams'], tags: ['goethe', 'telc', 'speaking'],
    languages: ['de', 'en'], years: 12, country: 'DE', timezone: 'Europe/Berlin', currency: 'EUR',
    prices: { 30: 3000, 60: 5500, 90: 8000 }, rating: 4.9, ratingCount: 211, status: 'approved',
  },
  {
    email: 'priya.raman@pathwise.dev', name: 'Priya Raman', slug: 'priya-raman',
    headline: 'ML engineer — from linear models to deploying LLM features',
    bio: 'I build recommendation and language systems in Bengaluru. Sessions on ML fundamentals, PyTorch, evaluation and shipping models to production.',
    specialties: ['Machine learning', 'Python'], tags: ['pytorch', 'llm', 'mlops'],
    languages: ['en', 'ta', 'hi'], years: 9, country: 'IN', timezone: 'Asia/Kolkata', currency: 'USD',
    prices: { 30: 5000, 60: 9500 }, rating: 4.7, ratingCount: 63, status: 'approved',
  },
  {
    email: 'sofia.martinez@pathwise.dev', name: 'Sofía Martínez', slug: 'sofia-martinez',
    headline: 'Product designer — UX research, Figma and portfolio reviews',
    bio: 'Design lead in Mexico City. I review portfolios, run usability-test clinics and coach career switchers into UX.',
    specialties: ['UX design', 'Product design'], tags: ['figma', 'portfolio', 'research'],
    languages: ['es', 'en'], years: 7, country: 'MX', timezone: 'America/Mexico_City', currency: 'USD',
    prices: { 30: 3500, 60: 6500 }, rating: 4.8, ratingCount: 77, status: 'approved',
  },
  {
    email: 'kenji.watanabe@pathwise.dev', name: 'Kenji Watanabe', slug: 'kenji-watanabe',
    headline: 'Japanese tutor — JLPT N5 to N2, conversation first',
    bio: 'Tokyo-based tutor. Conversation practice with grammar explained in plain English, kanji study plans and JLPT mock tests.',
    specialties: ['Japanese', 'Language exams'], tags: ['jlpt', 'kanji', 'conversation'],
    languages: ['ja', 'en'], years: 6, country: 'JP', timezone: 'Asia/Tokyo', currency: 'JPY',
    prices: { 30: 3500, 60: 6000 }, rating: 4.9, ratingCount: 156, status: 'approved',
  },
  {
    email: 'oliver.hughes@pathwise.dev', name: 'Oliver Hughes', slug: 'oliver-hughes',
    headline: 'Product manager — roadmaps, discovery and PM interviews',
    bio: 'Group PM in London. I coach new PMs on discovery, prioritisation and stakeholder management, and run PM interview practice.',
    specialties: ['Product management'], tags: ['discovery', 'roadmaps', 'interviews'],
    languages: ['en'], years: 11, country: 'GB', timezone: 'Europe/London', currency: 'GBP',
    prices: { 30: 4500, 60: 8500 }, rating: 4.6, ratingCount: 48, status: 'approved',
  },
  {
    email: 'aroha.ngata@pathwise.dev', name: 'Aroha Ngata', slug: 'aroha-ngata',
    headline: 'Speaking coach — presentations, pitches and confident delivery',
    bio: 'Former broadcaster in Auckland. Rehearse a talk with me and get specific feedback on structure, voice and nerves.',
    specialties: ['Public speaking', 'Communication'], tags: ['presentations', 'pitching'],
    languages: ['en', 'mi'], years: 14, country: 'NZ', timezone: 'Pacific/Auckland', currency: 'NZD',
    prices: { 30: 6000, 60: 11000 }, rating: 5.0, ratingCount: 39, status: 'approved',
  },
  {
    email: 'ana.souza@pathwise.dev', name: 'Ana Souza', slug: 'ana-souza',
    headline: 'Data visualisation — Python, pandas and telling stories with charts',
    bio: 'Data journalist in São Paulo. Learn to clean data with pandas and build charts people understand.',
    specialties: ['Data visualisation', 'Python'], tags: ['pandas', 'matplotlib', 'storytelling'],
    languages: ['pt', 'en', 'es'], years: 6, country: 'BR', timezone: 'America/Sao_Paulo', currency: 'BRL',
    prices: { 30: 12000, 60: 22000 }, rating: 4.7, ratingCount: 52, status: 'approved',
  },
  {
    email: 'tomas.rivera@pathwise.dev', name: 'Tomás Rivera', slug: 'tomas-rivera',
    headline: 'Cloud engineer — AWS certifications and DevOps foundations',
    bio: 'Platform engineer in Madrid applying to mentor on AWS Solutions Architect prep, Terraform and CI/CD.',
    specialties: ['Cloud computing', 'DevOps'], tags: ['aws', 'terraform', 'ci-cd'],
    languages: ['es', 'en'], years: 8, country: 'ES', timezone: 'Europe/Madrid', currency: 'EUR',
    prices: { 60: 7000 }, rating: 0, ratingCount: 0, status: 'submitted',
  },
];
