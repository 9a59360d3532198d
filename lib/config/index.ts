export { env, secureCookies, parseEnv, isBuildPhase, EnvError, type TEnv } from './env';
export { resolveProviders, type TProviders } from './providers';
