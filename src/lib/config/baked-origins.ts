import { NO_BUILD_ORIGINS, type BuildOrigins } from './allowed-origins';

// Replaced by vite.config.ts with the origins its build flags added: the same ones the CSP names.
declare const __SCORELINE_BUILD_ORIGINS__: BuildOrigins | undefined;

/** The origins added when this copy of the app was built (none in a production build). */
export const BUILD_ORIGINS: BuildOrigins = typeof __SCORELINE_BUILD_ORIGINS__ === 'undefined' ? NO_BUILD_ORIGINS : __SCORELINE_BUILD_ORIGINS__;
