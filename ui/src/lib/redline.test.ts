import { describe, expect, it } from "vitest";
import type { Change } from "./bindings/Change";
import { codePoints, filterChanges, markSpans, noFilters, sides, sideText, step } from "./redline";

const change = (over: Partial<Change>): Change => ({
  kind: "unchanged",
  renumbered: false,
  moved: false,
  substantive: false,
  similarity: 1,
  flags: [],
  from: [{ eid: "art_1", num: "1", heading: null }],
  to: [{ eid: "art_1", num: "1", heading: null }],
  ops: [],
  ...over,
});

describe("sides", () => {
  it("rebuilds both texts of an English edit", () => {
    const s = sides([
      { op: "equal", text: "Associations " },
      { op: "delete", text: "shall" },
      { op: "insert", text: "may" },
      { op: "equal", text: " register." },
    ]);
    expect(sideText(s.old)).toBe("Associations shall register.");
    expect(sideText(s.new)).toBe("Associations may register.");
    expect(s.old.map((x) => x.op)).toEqual(["equal", "delete", "equal"]);
  });
  it("rebuilds both texts of a Khmer edit", () => {
    const s = sides([
      { op: "equal", text: "សមាគម" },
      { op: "delete", text: "ត្រូវ" },
      { op: "insert", text: "អាច" },
      { op: "equal", text: "ចុះបញ្ជី" },
    ]);
    expect(sideText(s.old)).toBe("សមាគមត្រូវចុះបញ្ជី");
    expect(sideText(s.new)).toBe("សមាគមអាចចុះបញ្ជី");
  });
});

describe("filters and stepping", () => {
  const changes = [
    change({}),
    change({ kind: "modified", substantive: true, flags: ["operative-word"] }),
    change({ renumbered: true, to: [{ eid: "art_3", num: "៣", heading: "ការចុះបញ្ជី" }] }),
    change({ kind: "modified" }),
  ];
  it("keeps only what each filter asks for", () => {
    expect(filterChanges(changes, noFilters, () => false)).toEqual([0, 1, 2, 3]);
    expect(filterChanges(changes, { ...noFilters, changedOnly: true }, () => false)).toEqual([1, 2, 3]);
    expect(filterChanges(changes, { ...noFilters, substantiveOnly: true }, () => false)).toEqual([1]);
    expect(filterChanges(changes, { ...noFilters, operativeOnly: true }, () => false)).toEqual([1]);
    expect(filterChanges(changes, { ...noFilters, annotatedOnly: true }, (c) => c === changes[3])).toEqual([3]);
    expect(filterChanges(changes, { ...noFilters, text: "ចុះបញ្ជី" }, () => false)).toEqual([2]);
  });
  it("steps to the next and previous change and stops at the ends", () => {
    const visible = [0, 1, 2, 3];
    const isChanged = (i: number) => i !== 0;
    expect(step(visible, 0, 1, isChanged)).toBe(1);
    expect(step(visible, 3, 1, isChanged)).toBe(3);
    expect(step(visible, 1, -1, isChanged)).toBe(1);
    expect(step(visible, 2, -1)).toBe(1);
  });
});

describe("marks in code points", () => {
  it("marks a Khmer span counted in code points, not UTF-16 units", () => {
    const text = "មាត្រា ៨ សមាគម";
    const parts = markSpans(text, [[9, 14]]);
    expect(parts).toEqual([
      { text: "មាត្រា ៨ ", marked: false },
      { text: "សមាគម", marked: true },
    ]);
  });
  it("counts astral characters as one code point", () => {
    expect(codePoints("a😀b", 3)).toBe(2);
    expect(markSpans("a😀b", [[1, 2]])).toEqual([
      { text: "a", marked: false },
      { text: "😀", marked: true },
      { text: "b", marked: false },
    ]);
  });
  it("ignores overlapping and empty spans", () => {
    expect(markSpans("abcdef", [[1, 3], [2, 4], [5, 5]]).map((p) => p.text)).toEqual(["a", "bc", "d", "ef"]);
  });
});
