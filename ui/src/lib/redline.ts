// Logic of the Compare screen that does not need a window: which side each
// diff operation goes to, labels, filters and keyboard stepping.
import type { Annotation } from "./bindings/Annotation";
import type { Change } from "./bindings/Change";
import type { ClauseRef } from "./bindings/ClauseRef";
import type { Op } from "./bindings/Op";

export type Segment = { text: string; op: Op["op"] };

/** The old side shows equal and deleted text, the new side equal and inserted text. */
export function sides(ops: Op[]): { old: Segment[]; new: Segment[] } {
  const old: Segment[] = [];
  const neu: Segment[] = [];
  for (const o of ops) {
    if (o.op !== "insert") old.push({ text: o.text, op: o.op });
    if (o.op !== "delete") neu.push({ text: o.text, op: o.op });
  }
  return { old, new: neu };
}

/** The text of one side, as the core anchors quotes in it. */
export function sideText(segments: Segment[]): string {
  return segments.map((s) => s.text).join("");
}

/** Clause numbers of one side: "8", "9, 10", or "" when there is none. */
export function nums(refs: ClauseRef[]): string {
  return refs.map((r) => r.num ?? "·").join(", ");
}

/** A change other than "unchanged, same place, same number". */
export function isChange(c: Change): boolean {
  return c.kind !== "unchanged" || c.renumbered || c.moved;
}

export type Filters = {
  changedOnly: boolean;
  substantiveOnly: boolean;
  operativeOnly: boolean;
  annotatedOnly: boolean;
  text: string;
};

export const noFilters: Filters = {
  changedOnly: false,
  substantiveOnly: false,
  operativeOnly: false,
  annotatedOnly: false,
  text: "",
};

/** Indices of the changes that pass the filters, in report order. */
export function filterChanges(changes: Change[], f: Filters, annotated: (c: Change) => boolean): number[] {
  const needle = f.text.trim().toLocaleLowerCase();
  const out: number[] = [];
  changes.forEach((c, i) => {
    if (f.changedOnly && !isChange(c)) return;
    if (f.substantiveOnly && !c.substantive) return;
    if (f.operativeOnly && !c.flags.includes("operative-word")) return;
    if (f.annotatedOnly && !annotated(c)) return;
    if (needle) {
      const hay = [...c.from, ...c.to]
        .map((r) => `${r.num ?? ""} ${r.heading ?? ""}`)
        .join(" ")
        .toLocaleLowerCase();
      if (!hay.includes(needle)) return;
    }
    out.push(i);
  });
  return out;
}

/**
 * The next (dir 1) or previous (dir -1) position in `visible` from position
 * `at` whose change passes `pred`; `at` itself when there is none.
 */
export function step(visible: number[], at: number, dir: 1 | -1, pred: (i: number) => boolean = () => true): number {
  for (let p = at + dir; p >= 0 && p < visible.length; p += dir) {
    if (pred(visible[p])) return p;
  }
  return at;
}

/** Annotations placed on a clause of either side of a change. */
export function annotationsOf(c: Change, list: Annotation[], fromSeq: number, toSeq: number): Annotation[] {
  const to = new Set(c.to.map((r) => r.eid));
  const from = new Set(c.from.map((r) => r.eid));
  return list.filter((a) => {
    const eid = a.clause?.eid;
    if (!eid) return false;
    return (a.version === toSeq && to.has(eid)) || (a.version === fromSeq && from.has(eid));
  });
}

/** Splits a clause's text around quoted spans, `[start, end)` in code points. */
export function markSpans(text: string, spans: [number, number][]): { text: string; marked: boolean }[] {
  const cps = Array.from(text);
  const sorted = spans
    .map(([s, e]) => [Math.max(0, s), Math.min(cps.length, e)] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const out: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const [s, e] of sorted) {
    if (e <= at) continue;
    const from = Math.max(s, at);
    if (from > at) out.push({ text: cps.slice(at, from).join(""), marked: false });
    out.push({ text: cps.slice(from, e).join(""), marked: true });
    at = e;
  }
  if (at < cps.length || out.length === 0) out.push({ text: cps.slice(at).join(""), marked: false });
  return out;
}

/** Code-point offset of a UTF-16 offset in `text` (the browser's selection offsets are UTF-16). */
export function codePoints(text: string, utf16: number): number {
  return Array.from(text.slice(0, utf16)).length;
}
