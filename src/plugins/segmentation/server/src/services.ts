/**
 * The plugin's services, typed: `getService(strapi, 'segments')` is what the `segments` factory in
 * index.ts returns. The map of types is derived from the object index.ts registers, so a service
 * added, renamed or changed there is seen here without a second list to keep in step.
 */
import type { Core } from '@strapi/strapi';
import type plugin from './index';

type Factories = (typeof plugin)['services'];

/** Each service's name and the type of the service its factory makes. */
export type Services = { [Name in keyof Factories]: ReturnType<Factories[Name]> };

export type ServiceName = keyof Services;

/** The plugin's service `name` (Strapi makes each one once, from its factory, when it first loads). */
export function getService<Name extends ServiceName>(strapi: Core.Strapi, name: Name): Services[Name] {
  return strapi.plugin('segmentation').service(name) as Services[Name];
}
