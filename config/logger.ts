import type { Core } from '@strapi/strapi';

/** LOG_LEVEL (default `http`: one line a request); the test suite runs with `warn`. */
export default ({ env }: Core.Config.Shared.ConfigParams) => ({ level: env('LOG_LEVEL', 'http') });
