// Where the window is: the screen and what it shows. Screens move the person
// around by setting these (a search hit opens Compare on its clause).
export type Screen = "library" | "compare" | "review" | "positions" | "search" | "settings";

export const nav = $state({
  screen: "library" as Screen,
  bill: "",
  from: "",
  to: "",
  /** A clause eid on the `to` side to select when Compare opens. */
  focus: "",
  /** Bumped by imports and edits so that screens reload. */
  generation: 0,
});

/** Opens Compare on a bill's versions, selecting a clause of `to` if given. */
export function openCompare(bill: string, from: string, to: string, focus = "") {
  nav.bill = bill;
  nav.from = from;
  nav.to = to;
  nav.focus = focus;
  nav.screen = "compare";
}

export function changed() {
  nav.generation++;
}
