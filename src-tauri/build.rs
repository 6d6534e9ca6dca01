//! Declares the app's commands to Tauri's permission system. The commands are
//! declared once, in the `declare_commands!` invocation of src/commands.rs;
//! this script parses that file with `syn` (the grammar is the macro's, see
//! src/declare.rs), writes from it the set `app-commands` that the window's
//! capability grants, and gives the names to `tauri_build`, so a new command
//! needs no second edit here.

use std::path::Path;
use syn::parse::{Parse, ParseStream};
use syn::{parenthesized, Attribute, Expr, Ident, Token, Type};

const DECLARATIONS: &str = "src/commands.rs";
const MACRO: &str = "declare_commands";

fn main() {
    println!("cargo:rerun-if-changed={DECLARATIONS}");
    let commands = command_names(DECLARATIONS).unwrap_or_else(|e| panic!("{DECLARATIONS}: {e}"));
    let mut set = String::from(
        "# Written by build.rs from src/commands.rs: every command of the app, and nothing else.\n\
         [[set]]\nidentifier = \"app-commands\"\ndescription = \"Draftwatch's own commands.\"\npermissions = [\n",
    );
    for c in &commands {
        set.push_str(&format!("  \"allow-{}\",\n", c.replace('_', "-")));
    }
    set.push_str("]\n");
    let path = Path::new("permissions/app-commands.toml");
    if std::fs::read_to_string(path).ok().as_deref() != Some(set.as_str()) {
        std::fs::write(path, set).expect("write permissions/app-commands.toml");
    }
    let names: &'static [&'static str] =
        Box::leak(commands.into_iter().map(|c| &*Box::leak(c.into_boxed_str())).collect::<Vec<_>>().into_boxed_slice());
    // The configuration lives at the repository root (see TAURI-NOTES / docs).
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(names)).config_path("../tauri.conf.json"),
    )
    .expect("tauri build step failed");
}

/// The names of the commands declared in the one `declare_commands!` invocation of `file`.
fn command_names(file: &str) -> Result<Vec<String>, String> {
    let src = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
    let ast = syn::parse_file(&src).map_err(|e| e.to_string())?;
    let mut invocations = ast.items.iter().filter_map(|item| match item {
        syn::Item::Macro(m) if m.mac.path.is_ident(MACRO) => Some(&m.mac),
        _ => None,
    });
    let (Some(mac), None) = (invocations.next(), invocations.next()) else {
        return Err(format!("expected exactly one `{MACRO}!` invocation"));
    };
    let declarations: Declarations = mac.parse_body().map_err(|e| {
        let at = e.span().start();
        format!("{}:{}: {e}", at.line, at.column + 1)
    })?;
    if declarations.0.len() < 3 {
        return Err(format!("only {} commands found", declarations.0.len()));
    }
    Ok(declarations.0.into_iter().map(|name| name.to_string()).collect())
}

/// The commands' names, in order.
struct Declarations(Vec<Ident>);

impl Parse for Declarations {
    /// `/// doc` `fn name(arg: Type, ...) -> Type = [async] |params| expression;`, repeated.
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut names = Vec::new();
        while !input.is_empty() {
            let attrs = input.call(Attribute::parse_outer)?;
            if attrs.len() != 1 || !attrs[0].path().is_ident("doc") {
                return Err(input.error("each command has one line of documentation"));
            }
            input.parse::<Token![fn]>()?;
            names.push(input.parse::<Ident>()?);
            let args;
            parenthesized!(args in input);
            args.parse_terminated(
                |arg| arg.parse::<Ident>().and_then(|_| arg.parse::<Token![:]>()).and_then(|_| arg.parse::<Type>()),
                Token![,],
            )?;
            input.parse::<Token![->]>()?;
            input.parse::<Type>()?;
            input.parse::<Token![=]>()?;
            let body = input.parse::<Expr>()?;
            if !matches!(body, Expr::Closure(_)) {
                return Err(syn::Error::new_spanned(body, "the body is a closure: `|ws| ...` or `async |app, state| ...`"));
            }
            input.parse::<Token![;]>()?;
        }
        Ok(Declarations(names))
    }
}
