//! What every lab's command-line subcommand shares (native builds only): printing that stops
//! quietly when stdout is closed.

/// `println!` that stops quietly when stdout is closed (e.g. piped into `head`).
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}
