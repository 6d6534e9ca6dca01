import { describe, expect, it } from "vitest";
import { CommandError, toCommandError } from "./ipc";

describe("toCommandError", () => {
  it("keeps the code and sentence of a command's error", () => {
    const e = toCommandError({ code: "not_found", message: "no bill \"lango\"" });
    expect(e).toBeInstanceOf(CommandError);
    expect(e.code).toBe("not_found");
    expect(e.message).toBe('no bill "lango"');
  });
  it("reads a bare string as an internal error", () => {
    const e = toCommandError("command compare not found");
    expect(e.code).toBe("internal");
    expect(e.message).toBe("command compare not found");
  });
});
