import { describe, expect, it } from "vitest";
import { scrollFor, visibleRange } from "./virtual";

describe("visibleRange", () => {
  it("draws only the rows in view plus overscan, for a 5,000-row list", () => {
    const r = visibleRange(58 * 2500, 580, 58, 5000, 8);
    expect(r).toEqual({ start: 2492, end: 2519 });
    expect(r.end - r.start).toBeLessThan(40);
  });
  it("clamps at both ends", () => {
    expect(visibleRange(0, 580, 58, 3)).toEqual({ start: 0, end: 3 });
    expect(visibleRange(-20, 0, 58, 0)).toEqual({ start: 0, end: 0 });
  });
});

describe("scrollFor", () => {
  it("scrolls just enough to show a row above or below", () => {
    expect(scrollFor(10, 1000, 580, 58)).toBe(580);
    expect(scrollFor(30, 0, 580, 58)).toBe(31 * 58 - 580);
    expect(scrollFor(5, 0, 580, 58)).toBe(0);
  });
});
