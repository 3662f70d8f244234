//! The process exit codes `ties` promises (spec §5).

/// 0: all good. 1: the notebook has errors (or warnings with `--deny-warnings`).
/// 2: the command could not run (usage, missing notebook, I/O failure).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    Success = 0,
    Failure = 1,
    Error = 2,
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(status: ExitStatus) -> Self {
        Self::from(status as u8)
    }
}
