import { describe, expect, it } from "vitest";
import { facetFilter } from "./facets";

describe("facetFilter", () => {
  it("narrows a version facet to its bill and sequence number", () => {
    expect(facetFilter({ version: "sample-lango-km@3" })).toEqual({ bill: "sample-lango-km", version: "3" });
  });
  it("passes rights, impact and organisation through and ignores kind", () => {
    expect(facetFilter({ right: "association", impact: "restricts", org: "CCC", kind: "annotation" })).toEqual({
      right: "association",
      impact: "restricts",
      org: "CCC",
    });
  });
  it("narrows nothing when nothing is chosen", () => {
    expect(facetFilter({})).toEqual({});
  });
});
