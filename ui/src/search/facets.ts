// What a chosen facet value narrows a search to.
import type { SearchOptions } from "../lib/bindings/SearchOptions";

export type FacetName = "bill" | "version" | "right" | "impact" | "org" | "kind";

/**
 * The search options for the chosen facet values. A version facet value is
 * `bill@seq`; it narrows to that bill and version. `kind` has no search option
 * (it is a count only), so it narrows nothing.
 */
export function facetFilter(chosen: Partial<Record<FacetName, string>>): Partial<SearchOptions> {
  const out: Partial<SearchOptions> = {};
  if (chosen.bill) out.bill = chosen.bill;
  if (chosen.version) {
    const at = chosen.version.lastIndexOf("@");
    if (at > 0) {
      out.bill = chosen.version.slice(0, at);
      out.version = chosen.version.slice(at + 1);
    }
  }
  if (chosen.right) out.right = chosen.right;
  if (chosen.impact) out.impact = chosen.impact;
  if (chosen.org) out.org = chosen.org;
  return out;
}
