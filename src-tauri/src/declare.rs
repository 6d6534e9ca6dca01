//! [`declare_commands!`], the macro [`crate::commands`] is written in. From one
//! declaration per command it writes:
//! - the `#[tauri::command]` function;
//! - `signatures()`, the TypeScript [`Signature`](crate::tsgen::Signature) of
//!   every command, from which `ui/src/lib/commands.ts` is generated;
//! - `handler()`, which registers every command with the builder.
//!
//! `build.rs` parses the same declarations (with `syn`) for the permission set
//! `app-commands`, so the grammar below and the one in `build.rs` must agree:
//!
//! ```text
//! /// One line of documentation (it is also the TypeScript function's).
//! fn name(arg: Type, ...) -> Type = |ws| expression on `ws: &mut Workspace`;
//! fn name(arg: Type, ...) -> Type = async |app, state| expression;
//! ```
//!
//! The first form runs on the blocking pool with the workspace locked and
//! returns a `draftwatch_core::Result`; the second is awaited as it is, with
//! the app handle (for dialogs) and the [`AppState`](crate::AppState), and
//! returns a `Result<_, IpcError>`.

/// Writes the commands, their signatures and their handler; see the module documentation.
macro_rules! declare_commands {
    ($( #[doc = $doc:literal] fn $name:ident($($arg:ident : $ty:ty),*) -> $ret:ty = $($kind:ident)? |$($p:ident),*| $body:expr; )*) => {
        $( $crate::declare::declare_commands!(@command [$($kind)?] $doc $name ($($arg: $ty),*) $ret, |$($p),*| $body); )*

        /// The TypeScript signature of every command, in declaration order.
        pub fn signatures() -> Vec<$crate::tsgen::Signature> {
            vec![$($crate::tsgen::Signature {
                name: stringify!($name),
                doc: $doc.trim(),
                args: vec![$(($crate::tsgen::camel(stringify!($arg)), $crate::tsgen::ts_name::<$ty>())),*],
                ret: $crate::tsgen::ts_name::<$ret>(),
            }),*]
        }

        /// Registers every command with the builder.
        pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }
    };

    // A workspace command: `body` on the workspace, on the blocking pool.
    (@command [] $doc:literal $name:ident ($($arg:ident : $ty:ty),*) $ret:ty, |$ws:ident| $body:expr) => {
        #[doc = $doc]
        #[tauri::command]
        pub async fn $name(
            state: tauri::State<'_, $crate::state::AppState>,
            $($arg: $ty),*
        ) -> Result<$ret, $crate::ipc::IpcError> {
            $crate::ipc::run(&state, move |$ws: &mut draftwatch_core::Workspace| $body).await
        }
    };

    // A command of the shell (a dialog): `body` awaited with the app handle and the state.
    (@command [async] $doc:literal $name:ident ($($arg:ident : $ty:ty),*) $ret:ty, |$app:ident, $state:ident| $body:expr) => {
        #[doc = $doc]
        #[tauri::command]
        pub async fn $name<R: tauri::Runtime>(
            $app: tauri::AppHandle<R>,
            $state: tauri::State<'_, $crate::state::AppState>,
            $($arg: $ty),*
        ) -> Result<$ret, $crate::ipc::IpcError> {
            $body
        }
    };
}

pub(crate) use declare_commands;
