// The person's preferences, kept in the web view's local storage (nothing
// leaves the machine): window language, theme, and who they are for the
// records annotations keep.
import { word, type Key, type Lang } from "./i18n";

export type Theme = "system" | "light" | "dark";
type Prefs = { lang: Lang; theme: Theme; author: string; org: string };

const KEY = "draftwatch.prefs";

function load(): Prefs {
  const base: Prefs = { lang: "en", theme: "system", author: "", org: "" };
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? "{}");
    return { ...base, ...saved };
  } catch {
    return base;
  }
}

export const prefs: Prefs = $state(load());

export function savePrefs() {
  localStorage.setItem(KEY, JSON.stringify(prefs));
  applyPrefs();
}

const systemDark = window.matchMedia("(prefers-color-scheme: dark)");
systemDark.addEventListener("change", () => applyPrefs());

/** Sets the language and the light or dark theme on the document (CSS reads them). */
export function applyPrefs() {
  const root = document.documentElement;
  root.lang = prefs.lang;
  root.dataset.theme = prefs.theme === "system" ? (systemDark.matches ? "dark" : "light") : prefs.theme;
}

/** The word for `key` in the window's language (reactive). */
export function t(key: Key): string {
  return word(key, prefs.lang);
}
