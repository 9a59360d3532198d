import 'server-only';
import OpenAI from 'openai';
import { env, type TEnv } from '@/lib/config';
import { generateOffline } from './generate-offline';
import { defaultAtlas } from './atlas/load-atlas';
import type { TCheckLinksOptions } from './check-links';
import { resolveLanguage } from './planner/language';
import { generateWithOpenAi, type TGenerateContext, type TGenerated, type TGoalMatch, type TOpenAiOptions } from './generate-with-openai';
import type { TCurriculumRequest } from './schemas';

export type TCurriculumProvider = {
  name: 'openai' | 'offline';
  model: string | null;
  generate(req: TCurriculumRequest, ctx: TGenerateContext, today: Date): Promise<TGenerated>;
};

export const offlineProvider: TCurriculumProvider = { name: 'offline', model: null, generate: generateOffline };

export function openAiProvider(o: {
  apiKey: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
  maxTokens: number;
  maxRetries?: number;
  /** Link checking; false turns it off. Tests pass a resolver and allow-list for a local server here. */
  linkCheck?: TCheckLinksOptions | false;
  lint?: TOpenAiOptions['lint'];
  matchGoal?: TOpenAiOptions['matchGoal'];
}): TCurriculumProvider {
  const client = new OpenAI({ apiKey: o.apiKey, baseURL: o.baseURL, timeout: o.timeoutMs, maxRetries: o.maxRetries ?? 3 });
  const options: TOpenAiOptions = {
    client,
    model: o.model,
    maxTokens: o.maxTokens,
    idleTimeoutMs: o.timeoutMs,
    linkCheck: o.linkCheck,
    lint: o.lint,
    matchGoal: o.matchGoal,
  };
  return { name: 'openai', model: o.model, generate: (req, ctx) => generateWithOpenAi(req, ctx, options) };
}

/** OpenAI (or any compatible server) when OPENAI_API_KEY is set, otherwise the offline planner. */
export function getCurriculumProvider(e: TEnv = env()): TCurriculumProvider {
  if (!e.OPENAI_API_KEY) return offlineProvider;
  return openAiProvider({
    apiKey: e.OPENAI_API_KEY,
    baseURL: e.OPENAI_BASE_URL,
    model: e.OPENAI_MODEL,
    timeoutMs: e.OPENAI_TIMEOUT_MS,
    maxTokens: e.CURRICULUM_MAX_TOKENS,
    linkCheck: e.CURRICULUM_CHECK_LINKS ? { timeoutMs: e.CURRICULUM_LINK_TIMEOUT_MS } : false,
    matchGoal: matchAtlasGoal,
  });
}

/** The goal's subject and shape from the atlas, as the offline planner reads them; outside the atlas, the shape from the goal's words. */
export function matchAtlasGoal(goal: string, language: string): TGoalMatch {
  const { matcher } = defaultAtlas();
  const match = matcher.match(goal);
  if (!match) return { shape: matcher.shape(goal), subject: null };
  const name = match.subject.name[resolveLanguage(language).language];
  return { shape: match.subject.shape, subject: { id: match.subject.id, name } };
}
