/**
 * The parts of Strapi's shell a partner employee should not meet: the guided tour ("Create your
 * schema", "deploy to Strapi Cloud"), the Media Library banner, the Content Manager entry for roles
 * that have no content-manager rights, Strapi's own home-page widgets; and English labels that the
 * design system sets without a translation key.
 */
import type { StrapiApp } from '@strapi/strapi/admin';
import { untranslatedLabels } from './strapi-nl';

/** Strapi keeps the guided tour's state under this key; `enabled: false` turns the tour off (it migrates the rest). */
const TOUR_KEY = 'STRAPI_GUIDED_TOUR';
/** Strapi's Media Library banner is dismissed per flag value and instance (key `...FOR_<flag>:<uuid>`). */
const BANNER_KEY = 'STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_';
const CM_ACTIONS = ['read', 'create', 'update', 'delete', 'publish'].map((a) => ({ action: `plugin::content-manager.explorer.${a}` }));
/** Home-page widgets of Strapi's that are kept beside the tool's own. */
const KEPT_WIDGETS = new Set(['admin:profile-info']);

export function turnOffTour(storage: Storage = window.localStorage) {
  const stored = storage.getItem(TOUR_KEY);
  let state: Record<string, unknown>;
  try {
    state = stored ? (JSON.parse(stored) as Record<string, unknown>) : {};
  } catch {
    state = {};
  }
  if (state.enabled !== false) storage.setItem(TOUR_KEY, JSON.stringify({ ...state, enabled: false }));
}

/** Marks the Media Library banner dismissed for this instance (its uuid is in /admin/init). */
export async function dismissMediaBanner(storage: Storage = window.localStorage) {
  const res = await fetch('/admin/init', { credentials: 'same-origin' }).catch(() => null);
  const uuid = res?.ok ? ((await res.json()) as { data?: { uuid?: string | false } }).data?.uuid : undefined;
  for (const flag of ['true', 'false']) storage.setItem(`${BANNER_KEY}${flag}:${uuid}`, 'true');
}

/** The Content Manager's menu entry asks for a content-manager right instead of none. */
export function guardContentManager(app: StrapiApp) {
  const link = (app.router.menu as { to: string; permissions?: unknown[] }[]).find((l) => l.to === 'content-manager');
  if (link) link.permissions = CM_ACTIONS;
}

/** The tool's widgets first, then Strapi's profile widget; Strapi's content widgets go. */
export function toolWidgetsFirst(app: StrapiApp) {
  app.widgets.register((widgets) => [
    ...widgets.filter((w) => w.pluginId === 'segmentation'),
    ...widgets.filter((w) => KEPT_WIDGETS.has(`${w.pluginId}:${w.id}`)),
  ]);
}

/** Rewrites the few English labels the design system hard-codes (aria-labels, icon buttons' hidden names), in the admin's language. */
export function translateFixedLabels(root: HTMLElement = document.body) {
  const fix = () => {
    const words = untranslatedLabels[document.documentElement.lang] ?? {};
    for (const [english, text] of Object.entries(words)) {
      root.querySelectorAll(`[aria-label="${CSS.escape(english)}"]`).forEach((el) => el.setAttribute('aria-label', text));
      // An icon button's name is a visually hidden span inside it.
      root.querySelectorAll('button span').forEach((el) => {
        if (el.childElementCount === 0 && el.textContent === english) el.textContent = text;
      });
    }
  };
  new MutationObserver(fix).observe(root, { subtree: true, childList: true });
  fix();
}
