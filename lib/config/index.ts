export { env, parseEnv, EnvError, type TEnv } from './env';
export { resolveProviders, type TProviders } from './providers';
