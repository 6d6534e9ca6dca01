// The library window: lists the workspace's bills and their versions.
// Bill text is always inserted with textContent, never as HTML.
const invoke = window.__TAURI__.core.invoke;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

async function load() {
  const status = document.getElementById("status");
  const list = document.getElementById("bills");
  try {
    const bills = await invoke("list_bills");
    list.replaceChildren();
    for (const bill of bills) {
      const item = el("li", "bill");
      item.dataset.slug = bill.slug;
      const head = el("div", "bill-head");
      head.append(el("span", "bill-title", bill.title), el("span", "bill-slug", bill.slug));
      if (bill.illustrative) head.append(el("span", "badge", "illustrative"));
      if (bill.translation_of) head.append(el("span", "badge", `translation of ${bill.translation_of}`));
      item.append(head);
      const versions = await invoke("list_versions", { bill: bill.slug });
      const timeline = el("ol", "timeline");
      for (const v of versions) {
        const row = el("li", "version");
        row.append(
          el("span", "seq", String(v.seq)),
          el("span", "label", v.label),
          el("span", "date", v.date ?? "—"),
          el("span", "stage", v.stage ?? ""),
          el("span", `prov prov-${v.provenance}`, v.provenance),
          el("span", "lang", v.lang),
          el("span", "clauses", `${v.clauses} clauses`),
        );
        timeline.append(row);
      }
      item.append(timeline);
      list.append(item);
    }
    status.textContent = bills.length === 0 ? "No bills yet." : `${bills.length} bills`;
  } catch (e) {
    status.textContent = e && e.message ? e.message : String(e);
    status.classList.add("error");
  }
}

load();
