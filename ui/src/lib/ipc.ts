// The one module that calls Tauri's `invoke`. Every command is a typed function
// in ./commands.ts (generated from the Rust declarations); errors arrive as
// `{code, message}` and are thrown as `CommandError`.
import { invoke } from "@tauri-apps/api/core";

export class CommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "CommandError";
  }
}

/** Turns whatever a failed command rejected with into a CommandError. */
export function toCommandError(e: unknown): CommandError {
  if (e instanceof CommandError) return e;
  if (e && typeof e === "object" && "message" in e) {
    const o = e as { code?: unknown; message: unknown };
    return new CommandError(typeof o.code === "string" ? o.code : "internal", String(o.message));
  }
  return new CommandError("internal", String(e));
}

export async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toCommandError(e);
  }
}
