import { describe, expect, it } from "vitest";
import { keys, valueWord, word } from "./i18n";

const khmer = /[\u1780-\u17FF]/;

describe("labels", () => {
  it("has a non-empty English and Khmer word for every key", () => {
    for (const k of keys) {
      expect(word(k, "en").trim(), k).not.toBe("");
      expect(word(k, "km").trim(), k).not.toBe("");
    }
  });
  it("writes every Khmer label in Khmer script (but the app's name)", () => {
    const latin = keys.filter((k) => k !== "app.title" && !khmer.test(word(k, "km")));
    expect(latin).toEqual([]);
  });
  it("names enumeration values in both languages and falls back to the value", () => {
    expect(valueWord("impact", "strongly_restricts", "en")).toBe("strongly restricts");
    expect(valueWord("outcome", "partly_adopted", "km")).toBe("បានទទួលយកដោយផ្នែក");
    expect(valueWord("kind", "something-new", "km")).toBe("something-new");
  });
});
