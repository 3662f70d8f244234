//! The `ties` binary: all behaviour lives in the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    let outcome = ties::run(std::env::args_os());
    let status = outcome.status;
    // The process ends next: freeing tens of thousands of documents one by one would only
    // delay the exit (measured: a tenth of the single-threaded tail of a large check).
    std::mem::forget(outcome);
    status.into()
}
