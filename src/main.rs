//! The `ties` binary: all behaviour lives in the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    ties::run(std::env::args_os()).into()
}
