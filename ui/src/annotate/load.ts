// The annotations the screens show: every one on a bill, in any state.
import type { Annotation } from "../lib/bindings/Annotation";
import { annotations } from "../lib/commands";

export function billAnnotations(bill: string): Promise<Annotation[]> {
  return annotations({ bill, lineage: null, right: null, org: null, status: null, anchors: [] });
}
