//! The `archway` binary: command-line interface; with no subcommand it opens the GUI.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    archway::cli::main()
}
